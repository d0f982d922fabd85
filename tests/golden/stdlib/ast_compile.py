# compile() of AST objects: exec/eval of built trees, and CPython's errors for bad trees.
import ast

def attempt(label, f):
    try:
        r = f()
    except Exception as e:
        r = f"{type(e).__name__}: {e}"
    print(label, "->", r)

P = dict(lineno=1, col_offset=0)
N = lambda s="x", c=ast.Load(): ast.Name(s, c, **P)
C = lambda v: ast.Constant(v, **P)
def mod(*stmts):
    return ast.Module(body=list(stmts), type_ignores=[])
def E(e):
    return mod(ast.Expr(e, **P))

# Round trips through compile.
tree = ast.parse("total = 0\nfor i in range(5):\n    total += i * i\nprint('total', total)\n")
exec(compile(tree, "<ast>", "exec"))
expr = ast.parse("[a * 2 for a in range(4)]", mode="eval")
print(eval(compile(expr, "<ast>", "eval")))
single = ast.parse("1 + 1", mode="single")
print(type(compile(single, "<ast>", "single")).__name__)
g = {}
exec(compile(ast.parse("def f(x, *, y=3):\n    return x + y\nclass K:\n    z = f(1)\n"), "m", "exec"), g)
print(g["f"](2), g["K"].z, g["f"].__code__.co_filename)

# A tree built by hand, located with fix_missing_locations.
t = ast.Module(body=[ast.Assign(targets=[ast.Name("v", ast.Store())],
                                value=ast.BinOp(ast.Constant(6), ast.Mult(), ast.Constant(7)))],
               type_ignores=[])
ast.fix_missing_locations(t)
ns = {}
exec(compile(t, "<built>", "exec"), ns)
print(ns["v"])

# NodeTransformer, then compile.
class Double(ast.NodeTransformer):
    def visit_Constant(self, node):
        if isinstance(node.value, int):
            return ast.copy_location(ast.Constant(node.value * 2), node)
        return node
t = Double().visit(ast.parse("result = 1 + 2 * 3", mode="exec"))
ns = {}
exec(compile(t, "<x>", "exec"), ns)
print(ns["result"])

# compile() with PyCF_ONLY_AST on a tree returns a validated copy.
t = ast.parse("x")
t2 = compile(t, "<s>", "exec", ast.PyCF_ONLY_AST)
print(t2 is t, ast.dump(t2) == ast.dump(t))
print(ast.dump(compile(ast.parse("__debug__"), "<s>", "exec", ast.PyCF_OPTIMIZED_AST)))

# Errors from the conversion.
attempt("missing lineno", lambda: compile(mod(ast.Pass()), "f", "exec"))
attempt("missing lineno expr", lambda: compile(mod(ast.Expr(ast.Name("x", ast.Load()), **P)), "f", "exec"))
attempt("body not list", lambda: compile(ast.Module(body=3), "f", "exec"))
attempt("body tuple", lambda: compile(ast.Module(body=(ast.Pass(**P),)), "f", "exec"))
attempt("wrong sort", lambda: compile(E(ast.Pass(**P)), "f", "exec"))
attempt("wrong op", lambda: compile(E(ast.BinOp(C(1), ast.Load(), C(1), **P)), "f", "exec"))
attempt("none op", lambda: compile(E(ast.BinOp(C(1), None, C(1), **P)), "f", "exec"))
attempt("bad ident", lambda: compile(E(ast.Name(1, ast.Load(), **P)), "f", "exec"))
attempt("none ident", lambda: compile(E(ast.Name(None, ast.Load(), **P)), "f", "exec"))
attempt("bad string", lambda: compile(E(ast.Constant(1, kind=3, **P)), "f", "exec"))
attempt("none value", lambda: compile(mod(ast.Expr(None, **P)), "f", "exec"))
attempt("bad int", lambda: compile(mod(ast.Expr(C(1), lineno="a", col_offset=0)), "f", "exec"))
attempt("big int", lambda: compile(mod(ast.Expr(C(1), lineno=2**40, col_offset=0)), "f", "exec"))
attempt("bad constant", lambda: compile(E(ast.Constant([1], **P)), "f", "exec"))
attempt("bad tuple constant", lambda: compile(E(ast.Constant((1, {}), **P)), "f", "exec"))
attempt("cmpop class", lambda: compile(E(ast.Compare(N(), [ast.Eq], [N()], **P)), "f", "exec"))
attempt("mode mismatch", lambda: compile(ast.Expression(C(1)), "f", "exec"))
attempt("mode mismatch 2", lambda: compile(ast.Module([], []), "f", "eval"))
attempt("not ast", lambda: compile(3, "f", "exec"))
attempt("exec ast", lambda: exec(ast.Module([], [])))

# Errors from validation.
attempt("ctx", lambda: compile(ast.Expression(N(c=ast.Store())), "f", "eval"))
attempt("store ctx", lambda: compile(mod(ast.Assign([N()], N(), **P)), "f", "exec"))
attempt("empty targets", lambda: compile(mod(ast.Assign([], N(), **P)), "f", "exec"))
attempt("empty body", lambda: compile(mod(ast.If(N(), [], [], **P)), "f", "exec"))
attempt("empty fdef", lambda: compile(mod(ast.FunctionDef("f", ast.arguments(), [], [], **P)), "f", "exec"))
attempt("raise cause", lambda: compile(mod(ast.Raise(None, N(), **P)), "f", "exec"))
attempt("try", lambda: compile(mod(ast.Try([ast.Pass(**P)], [], [], [], **P)), "f", "exec"))
attempt("import level", lambda: compile(mod(ast.ImportFrom("m", [ast.alias("x", **P)], -1, **P)), "f", "exec"))
attempt("empty global", lambda: compile(mod(ast.Global([], **P)), "f", "exec"))
attempt("None name", lambda: compile(E(ast.Name("None", ast.Load(), **P)), "f", "exec"))
attempt("dict", lambda: compile(E(ast.Dict([None], [], **P)), "f", "exec"))
attempt("compare", lambda: compile(E(ast.Compare(N(), [], [], **P)), "f", "exec"))
attempt("boolop", lambda: compile(E(ast.BoolOp(ast.And(), [N()], **P)), "f", "exec"))
attempt("none in list", lambda: compile(E(ast.List([None], ast.Load(), **P)), "f", "exec"))
attempt("none stmt", lambda: compile(ast.Module([None], []), "f", "exec"))
attempt("line range", lambda: compile(E(ast.Constant(1, lineno=2, col_offset=0, end_lineno=1)), "f", "exec"))
attempt("col range", lambda: compile(mod(ast.Pass(lineno=1, col_offset=5, end_lineno=1, end_col_offset=2)), "f", "exec"))
attempt("neg col", lambda: compile(mod(ast.Pass(lineno=1, col_offset=-1, end_lineno=2, end_col_offset=2)), "f", "exec"))
attempt("comprehension", lambda: compile(E(ast.ListComp(N(), [], **P)), "f", "exec"))
attempt("named", lambda: compile(E(ast.NamedExpr(ast.Attribute(N(), "a", ast.Store(), **P), C(1), **P)), "f", "exec"))
attempt("annassign", lambda: compile(mod(ast.AnnAssign(ast.Attribute(N(), "a", ast.Store(), **P), N(), None, 1, **P)), "f", "exec"))
attempt("defaults", lambda: compile(E(ast.Lambda(ast.arguments(defaults=[C(1)]), C(2), **P)), "f", "exec"))
pat = lambda p: mod(ast.Match(N(), [ast.match_case(p, None, [ast.Pass(**P)])], **P))
PP = dict(lineno=1, col_offset=0, end_lineno=1, end_col_offset=1)
attempt("no cases", lambda: compile(mod(ast.Match(N(), [], **P)), "f", "exec"))
attempt("pattern attrs", lambda: compile(pat(ast.MatchAs(None, "x", **P)), "f", "exec"))
attempt("capture _", lambda: compile(pat(ast.MatchAs(None, "_", **PP)), "f", "exec"))
attempt("star", lambda: compile(pat(ast.MatchStar("x", **PP)), "f", "exec"))
attempt("singleton", lambda: compile(pat(ast.MatchSingleton(3, **PP)), "f", "exec"))
attempt("value", lambda: compile(pat(ast.MatchValue(N(), **PP)), "f", "exec"))
attempt("value const", lambda: compile(pat(ast.MatchValue(C(None), **PP)), "f", "exec"))
attempt("or", lambda: compile(pat(ast.MatchOr([ast.MatchAs(None, "x", **PP)], **PP)), "f", "exec"))
attempt("as", lambda: compile(pat(ast.MatchAs(ast.MatchAs(None, None, **PP), None, **PP)), "f", "exec"))
attempt("class cls", lambda: compile(pat(ast.MatchClass(C(1), [], [], [], **PP)), "f", "exec"))
# The compiler's own errors still apply.
attempt("yield outside", lambda: compile(E(ast.Yield(N(), **P)), "f", "exec"))
attempt("starred", lambda: compile(ast.Expression(ast.Starred(N(), ast.Load(), **P)), "f", "eval"))
attempt("debug", lambda: compile(mod(ast.Assign([N("__debug__", ast.Store())], C(1), **P)), "f", "exec"))
