# ast node classes: fields, defaults, 3.14 constructor rules and warnings, repr,
# __reduce__/copy/pickle, __replace__, match, class hierarchy.
import ast, copy, pickle, warnings

def show(label, f):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try:
            r = f()
        except Exception as e:
            r = f"{type(e).__name__}: {e}"
    for x in w:
        print("  warn", x.category.__name__, x.message)
    print(label, r)

for cls in (ast.AST, ast.mod, ast.Module, ast.stmt, ast.FunctionDef, ast.expr, ast.Name,
            ast.Constant, ast.arguments, ast.arg, ast.keyword, ast.comprehension,
            ast.expr_context, ast.Load, ast.operator, ast.Add, ast.pattern, ast.MatchAs,
            ast.type_param, ast.TypeVar, ast.TypeIgnore, ast.Interpolation):
    print(cls.__name__, cls.__module__, cls._fields, cls.__match_args__, cls._attributes,
          [b.__name__ for b in cls.__mro__])
    print("  doc", repr(cls.__doc__))
    print("  types", getattr(cls, "_field_types", None))
print(ast.expr.end_lineno, ast.arg.type_comment, ast.ImportFrom.level, ast.Slice.step)
print(ast.Name.__annotations__ == ast.Name._field_types)

show("Name()", lambda: ast.Name().__dict__)
show("Name('x')", lambda: ast.Name("x").__dict__)
show("Name(id, ctx, lineno)", lambda: ast.Name("x", ast.Store(), lineno=3).__dict__)
show("FunctionDef()", lambda: sorted(ast.FunctionDef().__dict__.items()))
show("arguments()", lambda: ast.arguments().__dict__)
show("Constant()", lambda: ast.Constant().__dict__)
show("Constant(kw)", lambda: ast.Constant(1, kind="u", end_lineno=3).__dict__)
show("too many", lambda: ast.Name(1, 2, 3))
show("too many 1", lambda: ast.Expr(1, 2))
show("too many 0", lambda: ast.Pass(1))
show("AST(1)", lambda: ast.AST(1))
show("multiple", lambda: ast.Name("x", id="y"))
show("unknown kw", lambda: ast.Name("x", foo=1).foo)
show("AST kw", lambda: ast.AST(bar=2).bar)
show("Load() is Load()", lambda: ast.Load() is ast.Load())
show("default ctx", lambda: ast.Name("x").ctx is ast.parse("x").body[0].value.ctx)

class MyNode(ast.AST):
    _fields = ("a", "b")
show("MyNode", lambda: MyNode(1).__dict__)
show("MyNode kw", lambda: MyNode(b=2).__dict__)
class Typed(ast.AST):
    _fields = ("a", "b", "c")
    _field_types = {"a": int | None, "b": list[int]}
show("Typed", lambda: Typed().__dict__)
class SubName(ast.Name):
    pass
show("SubName", lambda: (SubName("q").__dict__, isinstance(SubName("q"), ast.expr)))

# repr (3.14)
t = ast.parse("x = [1, 2, 3, 4, 5]\nif a:\n    b(c, d=1)\n")
print(repr(t))
print(repr(t.body[0]))
print(repr(t.body[1]))
print(repr(ast.Load()), repr(ast.AST()), repr(ast.arguments()))
print(repr(ast.Tuple(elts=(ast.Constant(1), ast.Constant(2)))))
n = ast.List(elts=[], ctx=ast.Load()); n.elts.append(n)
print(repr(n))

# __reduce__, copy, pickle
print(ast.Name("x").__reduce__())
print(ast.Load().__reduce__())
print(ast.FunctionDef("f", ast.arguments(), [], [], None).__reduce__()[1])
c = ast.parse("f(a, b=2)", mode="eval")
c2 = copy.deepcopy(c)
print(ast.dump(c2, include_attributes=True) == ast.dump(c, include_attributes=True), c2.body is not c.body)
c3 = pickle.loads(pickle.dumps(c))
print(ast.dump(c3, include_attributes=True) == ast.dump(c, include_attributes=True))
print(copy.copy(ast.Name("z")).__dict__)

# __replace__ / copy.replace
show("replace", lambda: copy.replace(ast.Name("x", lineno=1), id="y").__dict__)
show("replace pos", lambda: ast.Name("x").__replace__(1))
show("replace unknown", lambda: ast.Name("x").__replace__(foo=1))
show("replace missing", lambda: ast.Name.__new__(ast.Name).__replace__())
show("replace optional", lambda: ast.FunctionDef.__new__(ast.FunctionDef).__replace__())
show("replace user", lambda: MyNode.__new__(MyNode).__replace__())

# pattern matching on nodes
for node in ast.walk(ast.parse("x = f(1) + g.h")):
    match node:
        case ast.Call(func=ast.Name(id=name), args=[ast.Constant(value=v)]):
            print("call", name, v)
        case ast.Attribute(ast.Name(id=base), attr):
            print("attr", base, attr)
        case ast.BinOp(op=ast.Add()):
            print("add")

# Deprecated aliases of ast.py still present in 3.14?
print(hasattr(ast, "Num"), hasattr(ast, "Str"), hasattr(ast, "slice"), hasattr(ast, "Suite"))
