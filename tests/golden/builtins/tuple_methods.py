# tuple: construction, methods, immutability, comparison, concatenation, hashing.
t = (1, 2, 3, 2)
print(t.count(2), t.index(2), t.index(2, 2), t[1:], t + (4,), t * 2, len(t), 3 in t)
print(tuple(), tuple("ab"), tuple([1, 2]), (1,), (), tuple(range(3)), tuple(x for x in "xy"))
try:
    t.index(9)
except ValueError as e:
    print(e)
try:
    t[0] = 5
except TypeError as e:
    print(e)
try:
    t + [1]
except TypeError as e:
    print(e)
try:
    t[10]
except IndexError as e:
    print(e)
print((1, 2) < (1, 2, 3), (2,) > (1, 5), (1, 2) == (1, 2), hash((1, 2)) == hash((1, 2)))
nested = ([1], 2)
nested[0].append(3)
print(nested)
a, b = t[:2]
print(a, b, t[::-1], t.__len__())
print(type((1,) * 0).__name__, (1,) * 0)
