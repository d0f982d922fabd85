# enumerate(): start values, iterators, laziness, keyword start.
print(list(enumerate("abc")))
print(list(enumerate("abc", 10)), list(enumerate("ab", start=-1)))
print(list(enumerate([], 5)))
e = enumerate(iter([10, 20]))
print(next(e), next(e))
try:
    next(e)
except StopIteration:
    print("exhausted")
print(list(enumerate("xy", 2 ** 64)))
print(type(enumerate([])).__name__, iter(e) is e)
try:
    enumerate(5)
except TypeError as e:
    print(e)
try:
    enumerate("a", "b")
except TypeError as e:
    print(e)
