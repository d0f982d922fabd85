# Keyword arguments: ordering, **kwargs merging, duplicates, keyword names that are not identifiers.
def f(a, b, c=3, **kw):
    return (a, b, c, kw)
print(f(1, 2), f(b=2, a=1), f(1, c=9, b=8), f(1, 2, 3, d=4))
print(f(*(1,), **{"b": 2, "x-y": 5}))
def g(**kw):
    return list(kw)
print(g(z=1, a=2, m=3))
print(dict(a=1, **{"b": 2}))
try:
    f(1, 2, **{"a": 3})
except TypeError as e:
    print(e)
try:
    f(1, **{"b": 2}, **{"b": 3})
except TypeError as e:
    print(e)
try:
    f(**{1: 2})
except TypeError as e:
    print(e)
try:
    f(1, **[1])
except TypeError as e:
    print(e)
try:
    f(*5)
except TypeError as e:
    print(e)
