# Lambda expressions: defaults, closures, varargs, names.
add = lambda a, b=10: a + b
print(add(1), add(1, 2), add.__name__)
print((lambda *a, **k: (a, sorted(k)))(1, 2, x=3))
fs = [lambda i=i: i * 10 for i in range(3)]
print([f() for f in fs])
late = [lambda: i for i in range(3)]
print([f() for f in late])
print(sorted(["bb", "a", "ccc"], key=lambda s: -len(s)))
compose = lambda f, g: lambda x: f(g(x))
print(compose(str, lambda x: x + 1)(41))
print((lambda: (yield 1))().__class__.__name__ if False else "ok")
print((lambda x, /, y, *, z: (x, y, z))(1, 2, z=3))
print(repr((lambda: None)()))
