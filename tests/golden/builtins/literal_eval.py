# ast.literal_eval accepts only literals and containers; errors for anything else.
import ast
for src in ["42", "-3.5", "'str'", "b'by'", "[1, (2, 3), {'k': {4}}]", "None", "True", "1+2j", "{1: 'a', 'b': [None]}", "set()", "()", "-(1)" if False else "-1",
            " 7 ", "(1,)", "{'a': -0.0}", "1e400"]:
    print(repr(src), "->", repr(ast.literal_eval(src)))
for bad in ["x", "1 + x", "f()", "[i for i in []]", "__import__('os')", "{**{}}", "1 if True else 2", "a.b"]:
    try:
        ast.literal_eval(bad)
    except ValueError as e:
        print(repr(bad), "ValueError:", str(e).split(" at 0x")[0].split(":")[0])
try:
    ast.literal_eval("(")
except SyntaxError as e:
    print("SyntaxError:", e.msg)
