"""Regenerates frontend/src/parser/test_cases.rs from CPython 3.14.

    python3.14 frontend/examples/gen_parser_tests.py > frontend/src/parser/test_cases.rs

Each OK case holds CPython's `ast.dump(..., include_attributes=True)`; each error
case CPython's exception name, message, line and 0-based column (ASCII sources, so
CPython's 1-based offset minus one is our byte column).
"""
import ast
import warnings

warnings.simplefilter("ignore")

OK = [
    # (mode, source)
    ("exec", "x = 1\n"),
    ("exec", "a = b = c\n"),
    ("exec", "a, *b = c\n"),
    ("exec", "[a, (b, c)] = d\n"),
    ("exec", "(a) = 1\n(a): int = 2\na.b: int\nx[0]: int = 1\n"),
    ("exec", "x += 1\nx.y //= 2\nx[0] **= 3\n"),
    ("exec", "del a, (b), [c], d.e, f[0],\n"),
    ("exec", "x = yield\n"),
    ("exec", "def f():\n    x = yield from y\n    return *a, b\n"),
    ("exec", "import a.b.c as d, e\nfrom . import x\nfrom ...a import (b as c, d,)\nfrom .... import *\n"),
    ("exec", "global a, b\nnonlocal c\n"),
    ("exec", "assert x, 'msg'\nraise\nraise E\nraise E from F\n"),
    ("exec", "if a:\n    pass\nelif b:\n    pass\nelse:\n    pass\n"),
    ("exec", "while x:\n    break\nelse:\n    continue\n"),
    ("exec", "for x, y in z:\n    pass\nelse:\n    pass\nasync def f():\n    async for a in b: pass\n    async with a as b, c: pass\n    await x\n"),
    ("exec", "with (a as b, c as d,):\n    pass\nwith (a, b) as c:\n    pass\nwith (a):\n    pass\nwith (a, b):\n    pass\n"),
    ("exec", "try:\n    pass\nexcept E as e:\n    pass\nexcept (A, B):\n    pass\nexcept A, B:\n    pass\nexcept:\n    pass\nelse:\n    pass\nfinally:\n    pass\n"),
    ("exec", "try:\n    pass\nexcept* E:\n    pass\nexcept* A, B:\n    pass\n"),
    ("exec", "@d1\n@d2.x(1)\n@(lambda f: f)\ndef f[T: int, *Ts, **P = [int]](a, /, b: int = 1, *c: *Ts, d, e=2, **f) -> R:\n    '''doc'''\n"),
    ("exec", "class C[T = int](B, metaclass=M, **kw):\n    x: int\n"),
    ("exec", "type X = int\ntype Y[T: (int, str), *Ts = *tuple[int]] = list[T]\ntype = 1\ntype(x)\n"),
    ("exec", "lambda: 0\nlambda a, /, b=1, *c, d, **e: 0\nlambda *, a: a\n"),
    ("exec", "f(a, *b, c=1, **d)\nf(x for x in y)\nf(a=1, *b)\nf(*a, *b, **c, **d)\n"),
    ("exec", "a[1:2, ::3, *b]\na[:]\na[::]\na[x:=1]\na[*b]\na[1,]\n"),
    ("exec", "(x for x in y if z if w for a in b)\n[x async for x in y]\n{x: y for x, y in z}\n{x for x in y}\n"),
    ("exec", "x if y else z\nnot a and b or c\na < b <= c != d is not e not in f in g is h\n"),
    ("exec", "-a ** -b ** c\n~a * b @ c // d % e / f\na | b ^ c & d << e >> f + g - h\nawait x ** 2\n"),
    ("exec", "(a := 1)\n[y := 1, z]\nf(x := 1)\nif (n := 10) > 5: pass\n{(a := 1): 2, **d}\n{a := 1, b}\n"),
    ("exec", "()\n(1,)\n(1, 2,)\n[]\n{}\n{1}\n{*a, b}\n((a))\n(yield)\n"),
    ("exec", "x = 'a' 'b'\ny = b'a' b'b'\nz = u'a' 'b'\nw = ('a'\n     'b')\n"),
    ("exec", "f'a{b!r:>{c}}d'\nf'{x=}'\nf'{x = !s}'\nf'{x=:>3}'\nf'{{}}{1}'\n'a' f'b' 'c'\nf'{a}' f'{b}'\nf''\nf'' ''\n"),
    ("exec", "f'''{\nx\n}'''\nf'{x:{y}.{z}f}'\nrf'\\d{x}'\nf'{\"a\" if b else \"c\"}'\nf'{f\"{x}\"}'\n"),
    ("exec", "t'a{b}c'\nt'{x=}'\nt'{x!r:>{w}}'\nt'a' t'b'\nt''\n"),
    ("exec", "match x:\n    case 1 | -2 | 3.0 | -4j | 1+2j | 'a' 'b' | b'c' | None | True:\n        pass\n    case [a, *rest, _] | (a, b) | () | [] | {}:\n        pass\n    case {'k': v, 1: w, **kw} if v > 1:\n        pass\n    case Point(x, y=0) | a.b.C() | D(1, k=2) as p:\n        pass\n    case (a as b) | _:\n        pass\n"),
    ("exec", "match a, *b:\n    case x, y,:\n        pass\nmatch(x)\nmatch = 1\ncase = 2\n_ = 3\n"),
    ("exec", "x = 1; y = 2;\nif x: a; b\n"),
    ("exec", "...\nNone\nTrue\nFalse\n1_000\n0x_ff\n1e10\n1.5j\n"),
    ("exec", "a.b.c(d)[e].f\n"),
    ("exec", "print(*a, sep='')\nprint((yield))\n"),
    ("exec", "ñame = 1\nﬁle = 2\n"),
    ("exec", "def f(a, b=1, /, c=2, *, d, e=3): pass\ndef g(*, a): pass\ndef h(a, /): pass\n"),
    ("exec", "from __future__ import annotations\nfrom __future__ import barry_as_FLUFL\n1 <> 2\n"),
    ("exec", "if x:\n    pass\n\n\n# comment\nelse:\n    pass\n"),
    ("exec", "x = [\n    1,\n    2,\n]\n"),
    ("exec", "class A: pass\nclass B(): pass\nclass C(x for x in y): pass\n" * 0 + "class D(*a): pass\n"),
    ("eval", "1 + 2"),
    ("eval", "a, b"),
    ("eval", "\n\nx\n\n"),
    ("single", "x = 1\n"),
    ("single", "if x:\n    pass\n\n"),

    ("func_type", "(int, *str, **Any) -> None"),
    ("func_type", "() -> int"),
]

ERR = [
    "x = = 1\n",
    "f() = 1\n",
    "1 = x\n",
    "a + 1 = 2\n",
    "(a, b()) = 1\n",
    "del f()\n",
    "for 1 in x: pass\n",
    "with a as 1: pass\n",
    "print 'hello'\n",
    "if x\n    pass\n",
    "def f():\nreturn 1\n",
    "class C:\n",
    "  x = 1\n",
    "if x:\n    a\n  b\n",
    "try:\n    pass\nx = 1\n",
    "f(a=1, b)\n",
    "f(**k, a)\n",
    "f(**k, *a)\n",
    "def f(a=1, b): pass\n",
    "def f(*, **k): pass\n",
    "def f(a, /, /): pass\n",
    "lambda *: 0\n",
    "x = (1, 2\n",
    "x = )\n",
    "[1 2]\n",
    "{1: 2, 3}\n",
    "if x = 1: pass\n",
    "x = 'a' b'c'\n",
    "f(x for x in y, 1)\n",
    "a, b: int\n",
    "[a]: int\n",
    "x.y += 1 if\n",
    "f'{}'\n",
    "f'{x!z}'\n",
    "f'{x'\n",
    "t'a' 'b'\n",
    "match x:\n    case {**_}: pass\n",
    "match x:\n    case C(a=1, b): pass\n",
    "type X[] = int\n",
    "def f[*Ts: int](): pass\n",
    "from x import a,\n",
    "import\n",
    "x = 1 +\n",
    "not x = 1\n",
    "(*a)\n",
    "[*a for a in b]\n",
    "a = yield = 1\n",
    "a if b\n",
    "1 + not 2\n",
    "x = pass if y else z\n",
    "from __future__ import braces\n",
    "f(*)\n",
]
# Edge cases: classified by what CPython does with them.
EDGE = [
"__debug__ = 1", "del __debug__", "def f(__debug__): pass", "f(__debug__=1)", "class __debug__: pass",
"import __debug__", "from x import __debug__", "lambda __debug__: 1", "x.__debug__ = 1", "(__debug__ := 1)",
"for __debug__ in x: pass", "with a as __debug__: pass", "def __debug__(): pass", "__debug__: int",
"match x:\n case __debug__: pass", "global __debug__",
"a[*b:]", "with (a, *b): pass", "with (*a): pass",
"match x:\n case -1j: pass", "match x:\n case 1 + 2: pass", "match x:\n case -0.0+1j: pass",
"match x:\n case 1j + 2j: pass", "match x:\n case a.b: pass", "match x:\n case {a.b: 1}: pass",
"match x:\n case {f'x': 1}: pass", "match x:\n case f'x': pass", "match x:\n case a | b: pass",
"match x:\n case [a, *_, *c]: pass", "match x:\n case C(a, a=1): pass", "match x:\n case _ as y: pass",
"match x:\n case (a as b) as c: pass", "match x:\n case {**a, **b}: pass", "match x:\n case {1: _, 1: _}: pass",
"match x:\n case C(**a): pass", "match x:\n case -a: pass", "match x:\n case 1 if x: pass\n case _: pass",
"match *a, b:\n case _: pass", "match (a):\n case _: pass", "match x,:\n case _: pass",
"f(*a for a in b)", "f(a for a in b, )", "f((a for a in b), c)", "f(a, b for b in c)",
"[*a, *b] = c", "(*a,) = b", "*a, = b", "a = *b", "a = *b,", "return *a", "yield *a, b",
"for *a, in b: pass", "for x in *a, *b: pass", "del (a, b), [c]", "del (a)", "del ()", "del []",
"x = (yield from a)", "await = 1", "async = 1", "print >> f, x", "exec 'x'", "print", "print -1",
"def f(*, a=1, b): pass", "def f(a, *, b, **c,): pass", "def f(**a, ): pass", "def f(a=1, /, b=2): pass",
"lambda a, /: 1", "lambda *a, **b: 1", "lambda: (yield)", "class A(B, *C, d=1, **E): pass",
"@a.b[c](d)\ndef f(): pass", "@x := y\ndef f(): pass", "@(yield)\ndef f(): pass",
"x = 1 if 2 else 3 if 4 else 5", "x = lambda: lambda: 1", "x = not not a", "x = a if b else lambda: c",
"x = [i for i in range(3) if i if not i]", "x = {**a, 'b': 1, **c}", "x = {*a, *b}", "x = a[b, c:d, ...]",
"x = a @ b", "x @= b", "x = 1_0j", "x = 0o17 + 0b11 + 0xFF", "x = 1e-3", "x = 1.", "x = .5",
"x = 'a' \\\n 'b'", "if a:\n pass\nelif b:\n pass\nelif c:\n pass", "try:\n pass\nfinally:\n pass",
"while 1:\n if x: break\n else: continue", "x = a.b.c.d", "x = a()()()", "x = a[0][1][2]",
"type X[T] = T", "type X[**P = [int, str]] = P", "type X[*Ts] = Ts", "class A[T: (int, str) = int]: pass",
"def f[T = int, *Ts = *tuple[int], **P = [int]](): pass", "x: list[int] = []", "(x): int = 1", "x.y: int",
"global x, y\nnonlocal z", "import a as b, c.d as e", "from .a.b import (c)", "from . import (a, b)",
"assert x, (y, z)", "raise X from None", "x = yield", "x = await y", "async with a: pass",
"a < b > c == d != e <= f >= g in h not in i is j is not k", "a if b else c, d", "x = a, b = c, d",
"x = y = z = 1", "x, = y", "[x] = y", "x += yield", "x = [*a for a in b]", "x = {**a for a in b}",
"x = (*a for a in b)", "x = {*a for a in b}", "f(**a for a in b)", "x = [a, b for b in c]",
"x = {a: b, c for c in d}", "x = {a: *b}", "x = {**a: b}", "x = {*a: b}", "f(a=b for b in c)",
"f(a.b=1)", "f(True=1)", "f(x=)", "f(*a=1)", "f(**a=1)", "def f(a, a): pass", "def f(*a=1): pass",
"def f(**a=1): pass", "def f(**a, b): pass", "def f(*a, *b): pass", "def f(a, /, /): pass",
"def f(/): pass", "def f(*, /): pass", "lambda *: 1", "lambda **a, b: 1", "def f(a, (b, c)): pass",
"lambda (a): 1", "x = 1 if 2", "x = 1 if 2 else", "x = *a if b else c", "x = a if b else *c",
"f(*a if b else c)", "import a.b as", "from a import (b", "from a import b,", "import", "from x import",
"with a as b, : pass", "try:\n pass\nexcept A, B as e:\n pass", "try:\n pass\nexcept* :\n pass",
"try:\n pass\nexcept A:\n pass\nexcept* B:\n pass", "for x in y\n pass", "while x\n pass",
"class A\n pass", "def f()\n pass", "if x:\npass", "match x:\n case 1\n  pass", "x = (1 +)", "x = [1, 2",
"x = 1 +* 2", "x = a.1", "x = 1a", "x = 0777", "x = 1__0", "x = 09", "x = 1e", "x = 'abc", "x = '''abc",
"x = f'{'", "x = f'{x!}'", "x = f'{x=!}'", "x = f'{!r}'", "x = f'{x:{y:{z:{w}}}}'", "x = t'{x}' 'a'",
"x = 'a' t'{x}'", "x = b'a' f'{x}'", "x = b'\\xff' 'a'", "x = b'é'", "nonlocal x = 1", "global x = 1",
"a = b = yield c = d", "f() += 1", "(a, b) += 1", "[a] += 1", "a.b += 1", "(a) += 1", "*a += 1",
"x = a b", "x = [a b]", "f(a b)", "print 'x'", "print x, y", "exec x in y", "x = (a b)", "x = {a b}",
"x = a. b", "x = a .b", "del f()", "del a + b", "del *a", "del (a, *b)", "for f() in x: pass",
"for a + b in x: pass", "with a as f(): pass", "with a as (b, c()): pass", "[x for f() in y]",
"x = [x for x in y for]", "x = [x for x y]", "x = [x for x in]", "x if y else z = 1", "lambda: x = 1",
"x = lambda: (yield)", "(yield) = 1", "(a := 1) = 2", "a := 1", "(a.b := 1)", "(a[0] := 1)",
"((a, b) := 1)", "def f(x=(yield)): pass", "async def f(): yield from x", "x = (a for a in b) = c",
"'abc' = 1", "1 = 2", "None = 1", "... = 1", "f'{x}' = 1", "{a: b} = c", "{a} = b", "a < b = c",
"not a = b", "a and b = c", "-a = b", "a + b = c", "a[b] = c", "a.b.c = d", "a()[b] = c",
]
for _src in EDGE:
    try:
        ast.parse(_src + "\n")
        OK.append(("exec", _src + "\n"))
    except SyntaxError:
        ERR.append(_src + "\n")

# (repeated prefix, count, middle, repeated suffix): prefix*count + middle + suffix*count
DEEP = [
    ("(", 201, "", ")"),
    ("-", 100000, "1", ""),
    ("1+", 100000, "1", ""),
    ("lambda:", 3000, "1", ""),
    ("not ", 6000, "x", ""),
    ("2**", 3000, "1", ""),
    ("-", 5968, "1", ""),
    ("1+", 40000, "1", ""),
    ("x if y else ", 5968, "z", ""),
]


def rs(s):
    n = 1
    while '"' + "#" * n in s:
        n += 1
    return "r" + "#" * n + '"' + s + '"' + "#" * n


print("//! Generated by `frontend/examples/gen_parser_tests.py` from CPython 3.14;")
print("//! do not edit by hand.")
print()
print("/// (mode, source, `ast.dump(tree, include_attributes=True)`)")
print("pub(super) const OK: &[(&str, &str, &str)] = &[")
for mode, src in OK:
    tree = ast.parse(src, mode=mode)
    print(f"    ({rs(mode)}, {rs(src)}, {rs(ast.dump(tree, include_attributes=True))}),")
print("];")
print()
print("/// (source, exception name, message, lineno, 0-based column)")
print("pub(super) const ERR: &[(&str, &str, &str, u32, u32)] = &[")
for src in ERR:
    try:
        ast.parse(src)
        raise SystemExit(f"no error: {src!r}")
    except SyntaxError as e:
        print(f"    ({rs(src)}, {rs(type(e).__name__)}, {rs(e.msg)}, {e.lineno}, {max(e.offset - 1, 0)}),")
print("];")
print()
print("/// (prefix, count, middle, suffix, exception name or \"ok\", message): the")
print("/// source is prefix*count + middle + suffix*count; it must not overflow the stack.")
print("pub(super) const DEEP: &[(&str, usize, &str, &str, &str, &str)] = &[")
for pre, n, mid, suf in DEEP:
    src = pre * n + mid + suf * n
    try:
        ast.parse(src)
        name, msg = "ok", ""
    except (SyntaxError, MemoryError, RecursionError) as e:
        name = type(e).__name__
        msg = e.msg if isinstance(e, SyntaxError) else str(e)
    print(f"    ({rs(pre)}, {n}, {rs(mid)}, {rs(suf)}, {rs(name)}, {rs(msg)}),")
print("];")
