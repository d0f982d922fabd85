"""Differential test of _sre: run with CPython 3.14 and with Ladon, diff the outputs.

    python3.14 stdlib/src/_sre/difftest.py > cpy.txt
    target/release/ladon stdlib/src/_sre/difftest.py > lad.txt && diff cpy.txt lad.txt

Patterns are compiled by the real re._compiler (through re.compile), then every operation
of Pattern and Match is printed. 159 lines, all equal at the time of writing (with the VM's
missing bytes.find(start)/bytearray.translate/memoryview.cast patched into a copy of
re._compiler).
"""
import re
import _sre


def comp(p, f=0):
    return re.compile(p, f)


I, M, S, X, A = 2, 8, 16, 64, 256
def show(m):
    if m is None:
        return None
    return (m.span(), m.group(), m.groups(), m.groupdict(), m.lastindex, m.lastgroup, [m.span(i) for i in range(m.re.groups + 1)])
cases = [
    (r"(\w+)@(\w+)\.com", 0, "alice@example.com is here"),
    (r"a*", 0, "aaab"), (r"a*?", 0, "aaab"), (r"a+?b", 0, "aaab"), (r"(a|ab)(c|bcd)(d*)", 0, "abcd"),
    (r"(a+)+b", 0, "aaaaaaaaaaaaaaaaaaaac"), (r"(?:a|b)*c", 0, "ababababc"), (r"(a*)*", 0, "b"),
    (r"(a*)+", 0, "b"), (r"(a|b)*?c", 0, "abac"), (r"(?P<x>a)(?P=x)", 0, "aa"), (r"(a)\1", I, "aA"),
    (r"^abc$", M, "x\nabc\ny"), (r"abc$", 0, "abc\n"), (r"\bfoo\b", 0, "a foo b"), (r"\Bo", 0, "foo"),
    (r"[a-z]+", I, "HeLLo World"), (r"[^a-z]+", 0, "ABC def"), (r"\d+\s*\w", 0, " 12  x"),
    (r"(?=a)a", 0, "a"), (r"(?!a)\w", 0, "ab"), (r"(?<=a)b", 0, "ab"), (r"(?<!a)b", 0, "cb ab"),
    (r"(a)?(?(1)b|c)", 0, "c"), (r"(a)?(?(1)b|c)", 0, "ab"), (r"(?>a+)b", 0, "aaab"), (r"(?>a+)a", 0, "aaa"),
    (r"a++b", 0, "aab"), (r"a*+a", 0, "aaa"), (r"(?:ab)++c", 0, "ababc"), (r"(?:ab)*+ab", 0, "abab"),
    (r"x{2,3}", 0, "xxxx"), (r"x{2,3}?", 0, "xxxx"), (r"(x{2}){2}", 0, "xxxxx"), (r"(?:x|y){3,}", 0, "xyxyz"),
    (r".*", 0, "ab\ncd"), (r".*", S, "ab\ncd"), (r"é+", I, "ÉéÉ"), (r"[à-ÿ]+", I, "ÀÉÎ"), (r"\w+", A, "héllo"),
    (r"\w+", 0, "héllo"), (r"ǅ", I, "ǆ"), (r"[ǅ]", I, "Ǆ"), (r"ſ", I, "S"), (r"k", I, "K"),
    (r"[\u0100-\u2000]+", 0, "aĀǅ‐b"), (r"[^\u0100-\u2000]+", 0, "abĀ"), (r"[\U0001F600-\U0001F64F]", 0, "x😀"),
    (r"(a)|(b)|(c)", 0, "c"), (r"((a)|b)+", 0, "ab"), (r"(a|(b))+", 0, "ba"), (r"(?:(a)|b)*", 0, "ab"),
    (r"(\d+)-(\d+)?", 0, "12-"), (r"\s+$", 0, "abc  \n"), (r"\Aab\Z", 0, "ab"), (r"\Aab\Z", 0, "ab\n"),
    (r"(?i)straße", 0, "STRASSE"), (r"(?i)ß", 0, "ẞ"), (r"[\d\s]+", 0, "1 2\t3x"), (r"[\D]+", 0, "ab1"),
    (r"(?s:.)x", 0, "\nx"), (r"(?x) a b # comment", 0, "ab"), (r"a|b|c|d|e", 0, "zzze"), (r"(ab|a)(bc|c)?", 0, "abc"),
    (r"(a*)b\1", 0, "aabaa"), (r"(?P<n>x*)y(?P=n)z", 0, "xxyxxz"), (r"()", 0, ""), (r"(|a)*", 0, "aa"),
    (r"(a|)+b", 0, "aab"), (r"(?:a?)*?b", 0, "aab"), (r"(a+|b+)*c", 0, "aabbaac"), (r"^(?:(\d+)\.)*(\d+)$", 0, "1.22.333"),
    (r"<(\w+)>.*?</\1>", 0, "<a>x</b></a>"), (r"\$\d+(?:\.\d\d)?", 0, "cost $12.50"), (r"[-+]?\d*\.?\d+", 0, "x -3.14"),
    (r"[a-zà-ÿĀ-ž]+", I, "ABCÀŽ"), (r"[\u0370-\u03ff]+", I, "ΑΒΓαβγ"), (r"[^\W\d_]+", 0, "ab12_cd"),
    (r"(?i)[k-m]+", 0, "KLMkK"), (r"(?i)\u212a", 0, "k"), (r"[\u4e00-\u9fff\u3040-\u30ff]+", 0, "x漢字かなy"),
    (r"[ĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦħĨĩ]+", 0, "zĀćĩz"), (r"(?<=\d{3})x", 0, "12x123x"),
    (r"(?<!^)x", M, "x\nxx"), (r"((?<=a)b)+", 0, "abab"), (r"(?:(?=(\w))\1)+", 0, "abc"), (r"(a)(?!\1)", 0, "aab"),
    (r"(?:x(?=y)|z)+", 0, "xyzxy"), (r"(a(b(c)?)?)*d", 0, "ababcd"), (r"(a)|b", 0, "b"), (r"(?P<first>\w)(?P<rest>\w*)", 0, "hello"),
    (r"\W+", 0, "a, b"), (r"\S+", 0, " ab "), (r"[\s\S]", 0, "\n"), (r"\d", 0, "٣"), (r"\d", A, "٣"),
    (r"x*", 0, "axxb"), (r"x*?", 0, "axxb"), (r"^", M, "a\nb\n"), (r"$", M, "a\nb\n"), (r"\b", 0, "ab cd"),
    (r"(?m)^\s*#.*$", 0, "a\n  # c\nb"), (r"(\w+)\s*=\s*(.*?)\s*$", M, "k = v  \nx=1"),
    (b"ab+", 0, b"xabbb"), (b"[\x80-\xff]+", 0, b"a\x90\xffb"), (b"\\w+", I, b"AbC"), (b"(?i)k", 0, b"K"),
]
for pat, fl, s in cases:
    try:
        p = comp(pat, fl)
        out = [show(p.match(s)), show(p.search(s)), show(p.fullmatch(s)), p.findall(s),
               [m.span() for m in p.finditer(s)], p.split(s), p.sub(('<\\g<0>>' if isinstance(s, str) else b'<\\g<0>>'), s), p.subn(lambda m: m.group()[::-1], s)]
    except Exception as e:
        out = 'EXC %s: %s' % (type(e).__name__, e)
    print(repr(pat), fl, repr(s), out)
# specials
p = comp(r"(?P<a>x)(y)?")
m = p.match("xz")
print(m.groups('-'), m.groupdict(0), m[0], m['a'], m.regs, m.pos, m.endpos, m.string, repr(m), m.expand(r"[\1|\g<a>]"))
print(repr(p), repr(comp(r"a", I | M)), repr(comp(b"a", 0)), p.groups, dict(p.groupindex), p.pattern, p.flags)
print(comp('a').search('bab', 2), comp('a').search('bab', 0, 1), comp('^a').match('ba', 1), comp('a$').search('ab', 0, 1))
print(comp(r'\d').split('a1b2c3', maxsplit=2), comp('x*').sub('-', 'abxd'), comp('').split('abc'), comp(r'\b').split('a b'))
print(comp('(a)(b)?').sub(r'\2\1', 'ab a'), comp('a').sub('b', 'aaa', count=2), comp('a').subn('', 'banana'))
sc = comp(r'\w').scanner('ab c')
print(sc.match().group(), sc.match().group(), sc.match(), sc.search())
try:
    comp('a').match(b'a')
except TypeError as e:
    print('TypeError', e)
try:
    comp(b'a').match('a')
except TypeError as e:
    print('TypeError', e)
try:
    comp('(a)').match('a').group(2)
except IndexError as e:
    print('IndexError', e)
print(comp('a' * 1 + '(?:b|c)*d').match('a' + 'bc' * 50000 + 'd').end())
print(comp(r'(?:a|b)*?c').match('ab' * 50000 + 'c').end(), comp(r'(x)*').match('x' * 100000).span(1))
print(_sre.getcodesize(), _sre.MAGIC, _sre.MAXREPEAT, _sre.MAXGROUPS, _sre.ascii_iscased(ord('a')), _sre.unicode_iscased(0x1c5), _sre.unicode_tolower(0x130), _sre.ascii_tolower(65))
more = [
    (r"(?:(a)|(b))+", 0, "abab"), (r"(?:(a)|b)+", 0, "ab"), (r"(a)?(b)?(?(2)c|d)", 0, "bc ad d"),
    (r"((a)|(b))*?c", 0, "abc"), (r"(?:a(?=b)|.)+", 0, "abac"), (r"(\w)(?:(?!\1).)*", 0, "abcab"),
    (r"(?i)(?:ǆ|x)+", 0, "ǄǅǆX"), (r"(?i)[^a]", 0, "A"), (r"(?i)[^k]", 0, "\u212a"), (r"(?i)Σ+", 0, "σςΣ"),
    (r"(?i)[α-ω]+", 0, "ΑΣΩ"), (r"(?a)(?i)[k]", 0, "\u212a"), (r"(?u)\s+", 0, "\u2003\u00a0x"), (r"\s+", A, "\u2003 x"),
    (r"(a+)(?=(b))?", 0, "aab"), (r"(?:(x)|y)*z", 0, "xyz"), (r"(?:(x)|y)*?z", 0, "xyz"), (r"(.)(?:\1)*", 0, "aaab"),
    (r"a{0}b", 0, "ab"), (r"(?:a{2})*", 0, "aaaaa"), (r"(ab){1,2}?c", 0, "ababc"), (r"(ab){2,}?", 0, "ababab"),
    (r"\d{2,4}?-", 0, "12345-"), (r"[^\n]*", 0, "abc\ndef"), (r"(?=(\w+))\w", 0, "abc"), (r"(?<=(a))b", 0, "ab"),
    (r"(?:(?P<a>x)|(?P<b>y))+", 0, "xyx"), (r"(a)(?:b|(c))", 0, "ab"), (r"(?>(a)|b)+c", 0, "abac"),
    (r"(?:a|ab)(?:c|bcd)(d*)", 0, "abcd"), (r"\Z", 0, "ab\n"), (r"$", 0, "ab\n"), (r"(?m)$", 0, "ab\n"),
    (r"(?:x*)*y", 0, "xxy"), (r"(?:x*)+y", 0, "xxz"), (r"(?:(a)*)*b", 0, "aab"), (r"((?:a|b)*?)(b+)", 0, "aabbb"),
]
for pat, fl, s in more:
    try:
        p = comp(pat, fl)
        out = [show(p.match(s)), show(p.search(s)), p.findall(s), p.split(s), p.sub('[\\g<0>]', s)]
    except Exception as e:
        out = 'EXC %s: %s' % (type(e).__name__, e)
    print(repr(pat), fl, repr(s), out)
print(comp('a').split('banana', maxsplit=-1), comp('a').sub('x', 'banana', count=-1), comp(b'a').findall(bytearray(b'aa')), comp(b'a').split(bytearray(b'bab')))
print(comp(r'(a)(x)?').split('babxa'), comp(r'(?:)').findall('ab'), comp(r'(a)|(b)').findall('ab'), comp('a').findall('aaa', 1, 2))
print(comp(r'\w+').sub(lambda m: m.group().upper(), 'ab cd', 1), comp('').sub('-', 'ab'), comp('x*').subn('-', 'axbx'))
