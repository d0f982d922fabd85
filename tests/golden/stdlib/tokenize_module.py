# tokenize.generate_tokens / tokenize.tokenize on tricky source: comments, blank lines,
# continuations, f-/t-string parts, encodings, and the errors tokenize reports.
import io
import tokenize

SRC = '''\
def f(a, *, b=1):  # comment
    """doc
    string"""

    x = f"{a!r:>{b}} {{lit}} \\N{BULLET}" + t"{b=}"
    return (x,
            a) \\
        + [b]
# trailing
'''

for tok in tokenize.generate_tokens(io.StringIO(SRC).readline):
    print(tokenize.tok_name[tok.exact_type], repr(tok.string), tok.start, tok.end)

print(tokenize.untokenize(tokenize.generate_tokens(io.StringIO(SRC).readline)) == SRC)
data = "# -*- coding: latin-1 -*-\nname = 'caf\xe9'\n".encode("latin-1")
toks = list(tokenize.tokenize(io.BytesIO(data).readline))
print(toks[0].type == tokenize.ENCODING, toks[0].string, [t.string for t in toks[1:6]])
for bad in ["x = (1,\n", "s = '''abc\n", "if x:\n  a\n b\n", "a = 1_\n", "é = 'ü' $ 1\n"]:
    try:
        print([t.string for t in tokenize.generate_tokens(io.StringIO(bad).readline)])
    except (tokenize.TokenError, SyntaxError) as e:
        print(type(e).__name__, e.args[0], getattr(e, "lineno", None))
