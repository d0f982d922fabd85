# exec(), eval(), compile(): namespaces, modes, results, errors.
print(eval("1 + 2 * 3"), eval("x * 2", {"x": 21}), eval("y", {}, {"y": "local"}))
ns = {}
exec("a = 5\ndef f(n):\n    return n + a\nb = f(1)", ns)
print(ns["a"], ns["b"], "__builtins__" in ns)
code = compile("3 ** 2", "<expr>", "eval")
print(type(code).__name__, eval(code), code.co_filename)
single = compile("print('single mode')", "<s>", "single")
exec(single)
print(exec("1 + 1"))
loc = {}
exec("z = 10", None, loc)
print(loc)
try:
    eval("1 +")
except SyntaxError as e:
    print(type(e).__name__, e.msg, e.lineno, e.offset)
try:
    compile("x = 1", "<f>", "eval")
except SyntaxError as e:
    print(e.msg, e.filename)
try:
    compile("1", "<f>", "bogus")
except ValueError as e:
    print(e)
try:
    eval("undefined_name")
except NameError as e:
    print(e)
g = {"__builtins__": {}}
try:
    eval("len([])", g)
except NameError as e:
    print(e)
print(eval("[i * i for i in range(4)]"))
def scope():
    v = 7
    return eval("v + 1")
print(scope())
x = 100
print(eval("x"), eval(" \t 2"))
print(eval(compile("lambda: 42", "<l>", "eval"))())
