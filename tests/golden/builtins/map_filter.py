# map() and filter(): laziness, multiple iterables, None predicate, strict map (3.14).
print(list(map(str, [1, 2, 3])), list(map(pow, [2, 3], [3, 2, 9])))
print(list(filter(None, [0, 1, "", "a", None, [], [0]])))
print(list(filter(lambda x: x % 2, range(10))))
m = map(lambda x: print("mapping", x) or x * 2, [1, 2, 3])
print("created")
print(next(m), list(m))
print(list(map(lambda *a: sum(a), [1, 2], [3, 4], [5, 6])))
print(list(map(len, ["ab", "c"], strict=True)) if False else list(map(len, ["ab", "c"])))
try:
    list(map(pow, [1, 2], [1], strict=True))
except ValueError as e:
    print(e)
try:
    map(len)
except TypeError as e:
    print(e)
try:
    list(map(len, [1]))
except TypeError as e:
    print(e)
print(type(map(str, [])).__name__, type(filter(None, [])).__name__)
