# globals() and locals(): module namespace, function snapshot semantics (PEP 667).
g = globals()
print(g is globals(), g["__name__"], "g" in g)
g["injected"] = "via globals"
print(injected)
def f(a):
    b = 2
    loc = locals()
    print(sorted(loc), loc["a"])
    loc["b"] = 99
    print(b)
    c = 3
    print(sorted(locals()))
f(1)
class C:
    x = 1
    print(sorted(k for k in locals() if not k.startswith("__")))
print(locals() is globals())
def closure():
    free = "f"
    def inner():
        return sorted(locals())
    def inner2():
        free
        return sorted(locals())
    return inner(), inner2()
print(closure())
print(sorted(k for k in [n for n in globals() if n.startswith("__")] if k in {"__name__", "__builtins__", "__doc__"}))
