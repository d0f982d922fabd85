# min()/max(): iterables vs args, key, default, ties return first, errors.
print(min(3, 1, 2), max(3, 1, 2), min([5, 4]), max("hello"))
print(min([], default="empty"), max((), default=None))
print(min(["bb", "a", "cc"], key=len), max(["bb", "a", "cc"], key=len))
print(max([(1, "a"), (1, "b")]), min([1, 1.0], key=float), max([1.0, 1]))
print(max({"a": 3, "b": 1}, key=lambda k: -ord(k)))
for call in [lambda: min([]), lambda: max(()), lambda: min(1), lambda: max(1, 2, default=0), lambda: min()]:
    try:
        call()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(min(2, 1, key=lambda x: -x), max(iter([3, 9, 2])))
try:
    max(1, "a")
except TypeError as e:
    print(e)
