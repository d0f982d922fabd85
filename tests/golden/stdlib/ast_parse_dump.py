# ast.parse and ast.dump: node shapes, positions, modes, options.
import ast

SOURCES = [
    "x = 1 + 2 * y",
    "def f(a, /, b=1, *args, c, d=2, **kw) -> int:\n    return a\n",
    "async def g():\n    async with a as b, c:\n        await x\n    async for i in y:\n        pass\n",
    "class C(B, metaclass=M):\n    '''doc'''\n    x: int = 3\n",
    "try:\n    pass\nexcept* ValueError as e:\n    raise X from e\nfinally:\n    del a[0], b.c\n",
    "match p:\n    case [1, *rest]: pass\n    case {'k': v, **kw}: pass\n    case Point(x=0, y=_) | None: pass\n    case str() as s if s: pass\n",
    "f'{a!r:>{w}} and {b=}'",
    "t'hello {name}'",
    "lambda x, *, y=2: (x, y)",
    "[i for i in range(3) if i] + {k: v for k, v in d} + {s async for s in t}",
    "type Alias[T: int, *Ts, **P] = list[T]",
    "def h[T = int](x: T) -> T: ...",
    "global a; nonlocal b; import os.path as p; from . import x as y, z",
    "a if b else c; not x; -y; ~z; +w; x @ y; a[1:2:3]; (yield); (yield from g)",
    "with (open(f) as a, open(g) as b): pass",
    "while x:\n    break\nelse:\n    continue",
    "assert x, 'msg'; x += 1; y: list[int]; (z := 5)",
    "b'bytes'; u'unicode' ; 1j; 1.5e3; 0xff; ...; None; True",
    "for x, *y in z: pass",
    "print(*a, **k, sep='')",
]
for src in SOURCES:
    tree = ast.parse(src)
    print(ast.dump(tree))
    print(ast.dump(tree, include_attributes=True))
print(ast.dump(ast.parse("x", mode="eval")))
print(ast.dump(ast.parse("x = 1", mode="single")))
print(ast.dump(ast.parse("(int, str) -> bool", mode="func_type")))
print(ast.dump(ast.parse("if x:\n    a = {1: [2, (3,)]}\n"), indent=2))
print(ast.dump(ast.parse("f(x)"), annotate_fields=False))
print(ast.dump(ast.parse("x = __debug__", optimize=1)))
print(ast.dump(ast.parse("match x:\n    case -1 | 2-3j: pass", optimize=1)))
print(ast.dump(ast.parse("x = '\u00e9t\u00e9' + 'caf\\u00e9'"), include_attributes=True))
# Shared singletons for contexts and operators.
t = ast.parse("a = b + c - d")
print(t.body[0].targets[0].ctx is ast.parse("e = 1").body[0].targets[0].ctx)
print(type(t.body[0].value.op).__name__, t.body[0].value.left.op is ast.parse("1+1").body[0].value.op)
# compile(..., PyCF_ONLY_AST) is ast.parse.
t2 = compile("x + 1", "<s>", "eval", ast.PyCF_ONLY_AST)
print(type(t2).__name__, ast.dump(t2))
print(ast.PyCF_ONLY_AST, ast.PyCF_TYPE_COMMENTS, ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, ast.PyCF_OPTIMIZED_AST)
for bad in ["x = ", "def f(:", "a b", "f(**x, *y)", "from __future__ import braces"]:
    try:
        ast.parse(bad)
    except SyntaxError as e:
        print("SyntaxError", e.msg, e.lineno, e.offset)
