# Function parameters: defaults, keyword-only, positional-only, *args, **kwargs.
def f(a, b=2, *args, c, d=4, **kw):
    return a, b, args, c, d, sorted(kw.items())
print(f(1, c=3))
print(f(1, 5, 6, 7, c=3, e=9, d=0))
def pos(a, b, /, c, *, d):
    return a + b + c + d
print(pos(1, 2, 3, d=4), pos(1, 2, c=3, d=4))
def defaults(x, acc=[]):
    acc.append(x)
    return acc
print(defaults(1), defaults(2))
print(f.__defaults__, f.__kwdefaults__, f.__code__.co_argcount, f.__code__.co_kwonlyargcount)
print(pos.__code__.co_posonlyargcount, f.__code__.co_varnames[:6])
def kwonly(*, a=1, b):
    return a, b
print(kwonly(b=2))
def allkw(**kw):
    return kw
print(allkw(**{"x": 1}, y=2))
def spread(*a):
    return a
print(spread(), spread(*range(3)), spread(*"ab", *[1]))
def ann(a: int, b: "str" = "x") -> bool:
    pass
print(ann.__annotations__)
print(pos.__name__, pos.__qualname__)
def outer():
    def inner():
        pass
    return inner
print(outer().__qualname__)
