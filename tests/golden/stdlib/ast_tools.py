# ast.py helpers on top of _ast: literal_eval, unparse, walk, visitors, locations, docstrings.
import ast

for s in ["1", "-2.5", "1+2j", "'s'", "b'b'", "[1, (2, 3), {4: {5}}]", "set()", "None",
          "{'a': [True, False]}", "(-(1))", "1 - 3j"]:
    print(repr(ast.literal_eval(s)))
for bad in ["x", "f()", "1 + x", "[*a]", "{**d}", "a.b", "2 ** 3"]:
    try:
        ast.literal_eval(bad)
    except ValueError as e:
        print("ValueError", str(e)[:60])
print(ast.literal_eval(ast.parse("[1, 2]", mode="eval")))

SRC = '''\
"""Module doc."""
import os, sys as system
from .pkg import (a, b as c)

@decorator(arg)
class Point[T](Base, metaclass=Meta):
    """Point doc."""
    x: int = 0
    def __init__(self, x=1, /, y=2, *args, z, **kw) -> None:
        self.x = x if x else -x
        global g
        nonlocal_ = [i ** 2 for i in range(10) if i % 2]
        return None

async def main():
    async with lock as l, other:
        await asyncio.sleep(1)
    async for item in aiter():
        yield item
    try:
        pass
    except* (ValueError, TypeError) as eg:
        raise RuntimeError("x") from eg
    else:
        pass
    finally:
        del a[1:2, ::3], b.c

match command.split():
    case [action, *rest] if rest:
        print(f"{action!r:>10} {rest=}")
    case {"key": value, **others}:
        pass
    case Point(x=0) | Point(y=1) as p:
        pass
    case _:
        pass

type Vector[T: (int, float)] = list[T]
lam = lambda a, *b, c=1, **d: (a, b, c, d)
value = (yield_ := 3) and not x or y in z and w is not v
s = {1, 2} | {3}; d = {**a, 'b': 1}; t = ()
print(*args, sep='', **kwargs)
with open(f) as fh, open(g): pass
while True:
    break
else:
    continue
x = t"tmpl {name!s:{spec}}"
'''
tree = ast.parse(SRC)
out = ast.unparse(tree)
print(out)
print(ast.dump(ast.parse(out)) == ast.dump(tree))
print(ast.unparse(ast.parse("(a, b) = 1, 2; x = (1,); y = -(-1) ** 2; z = (lambda: 1)()")))
print(ast.unparse(ast.BinOp(ast.Constant(1), ast.Add(), ast.Constant(2))))

print(ast.get_docstring(tree))
print(ast.get_docstring(tree.body[3]))
print(ast.get_docstring(tree.body[3].body[2], clean=False))
node = tree.body[3].body[2]
print(ast.get_source_segment(SRC, node.body[0]))
print(ast.get_source_segment(SRC, node.args, padded=True))

names = sorted({n.id for n in ast.walk(tree) if isinstance(n, ast.Name)})
print(names)
counts = {}
for n in ast.walk(tree):
    counts[type(n).__name__] = counts.get(type(n).__name__, 0) + 1
print(sorted(counts.items()))
print([type(c).__name__ for c in ast.iter_child_nodes(tree.body[3])])
print(list(ast.iter_fields(ast.parse("a + b", mode="eval").body))[:2])

class Counter(ast.NodeVisitor):
    def __init__(self):
        self.calls = []
    def visit_Call(self, node):
        self.calls.append(ast.unparse(node.func))
        self.generic_visit(node)
c = Counter()
c.visit(tree)
print(c.calls)

class Rename(ast.NodeTransformer):
    def visit_Name(self, node):
        return ast.Name(id=node.id.upper(), ctx=node.ctx)
    def visit_Pass(self, node):
        return None
t2 = ast.fix_missing_locations(Rename().visit(ast.parse("a = b + c\nif a:\n    pass\n    d()\n")))
print(ast.unparse(t2))
print(ast.dump(t2.body[0], include_attributes=True))

t3 = ast.parse("x = 1\ny = 2")
ast.increment_lineno(t3, 10)
print([(n.lineno, n.end_lineno) for n in t3.body])
new = ast.copy_location(ast.Pass(), t3.body[1])
print(new.lineno, new.col_offset, new.end_lineno, new.end_col_offset)
print(ast.compare(ast.parse("a+1"), ast.parse("a + 1")), ast.compare(ast.parse("a"), ast.parse("b")))
print(ast.compare(ast.parse("a"), ast.parse("\na"), compare_attributes=True))
