# match: mapping patterns with **rest, key lookups via get.
def f(v):
    match v:
        case {"type": "point", "x": x, "y": y}:
            return f"point {x},{y}"
        case {"type": "circle", "r": r, **rest}:
            return f"circle {r} extra {sorted(rest.items())}"
        case {"k": None}:
            return "k none"
        case {}:
            return "some mapping"
        case _:
            return "not a mapping"
for v in [{"type": "point", "x": 1, "y": 2, "z": 3}, {"type": "circle", "r": 5, "c": "red", "a": 0},
          {"k": None}, {"k": 1}, {}, [("k", None)], "text"]:
    print(v, "->", f(v))
from collections import defaultdict
d = defaultdict(int, {"a": 1})
match d:
    case {"b": _}:
        print("has b")
    case {"a": a}:
        print("has a", a)
print(sorted(d))
