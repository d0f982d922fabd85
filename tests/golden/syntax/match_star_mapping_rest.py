# match edge cases: star in the middle, **rest copies, patterns on tuples vs lists, bytes not sequences.
def f(v):
    match v:
        case [first, *middle, last] if middle:
            return f"first={first} middle={middle} last={last}"
        case (a, b):
            return f"two {a} {b}"
        case {"k": 1, **rest} if not rest:
            return "exactly k=1"
        case {"k": 1, **rest}:
            return f"k=1 plus {rest}"
        case b"ab":
            return "bytes literal"
        case bytes():
            return "other bytes"
        case _:
            return "fallback"
for v in [[1, 2, 3, 4], [1, 2], (9, 8), {"k": 1}, {"k": 1, "z": 2}, b"ab", b"xy", bytearray(b"ab"), [1, 2, 3]]:
    print(repr(v), "->", f(v))
match {"a": 1}:
    case {"a": 1, **rest}:
        rest["b"] = 2
        print(rest)
import collections
match collections.OrderedDict(x=1):
    case {"x": x}:
        print("OrderedDict is a mapping", x)
match range(3):
    case [0, *others]:
        print("range is a sequence", others)
match "abc":
    case [*chars]:
        print("never")
    case str(s):
        print("str is not a sequence pattern target", s)
