# id() and `is`: identity is stable for an object's lifetime; values never printed.
a = [1]
b = a
print(id(a) == id(b), id(a) == id([1]) and a is not [1] and False, type(id(a)).__name__, id(a) > 0)
x = object()
ids = {id(x) for _ in range(5)}
print(len(ids))
print(None is None, ... is Ellipsis, (lambda: 0) is not (lambda: 0))
s1 = "interned"
s2 = "interned"
print(s1 == s2)
t = (1, 2)
print(t is t, tuple(t) is t, list(a) is a, a[:] is a, frozenset(a) is frozenset(a) if False else "skip")
