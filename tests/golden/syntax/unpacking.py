# Iterable unpacking in assignments, for loops, calls and displays.
a, b = 1, 2
a, b = b, a
print(a, b)
(c, d), e = (3, 4), 5
print(c, d, e)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = "hello"
print(init, last)
x, *mid, y = range(6)
print(x, mid, y)
p, *q = [1]
print(p, q)
[m, n] = "ab"
print(m, n)
for i, (j, k) in enumerate([(1, 2), (3, 4)]):
    print(i, j, k)
print(*[1, 2], *"ab", sep="-")
print([*range(3), *{"z": 1}], (*"xy",), {*[1, 1, 2]})
print({**{"a": 1}, "b": 2, **{"a": 3}})
def f(*args, **kw):
    return args, sorted(kw.items())
print(f(*[1, 2], 3, *(4,), **{"k": 1}, z=2))
try:
    a, b = [1, 2, 3]
except ValueError as exc:
    print(exc)
try:
    a, b, c = [1, 2]
except ValueError as exc:
    print(exc)
try:
    a, *b, c = [1]
except ValueError as exc:
    print(exc)
try:
    a, b = 5
except TypeError as exc:
    print(exc)
obj = type("O", (), {})()
obj.a, obj.b = 7, 8
lst = [0, 0, 0]
lst[0], lst[2] = "x", "y"
print(obj.a, obj.b, lst)
i = 0
i, lst[i] = 1, "z"
print(i, lst)
