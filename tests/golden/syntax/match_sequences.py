# match: sequence patterns, star captures, nesting; strings are not sequences here.
def f(v):
    match v:
        case []:
            return "empty"
        case [x]:
            return f"one {x}"
        case [x, y] if x == y:
            return f"pair same {x}"
        case (x, y):
            return f"pair {x} {y}"
        case [1, *rest]:
            return f"starts with 1, rest {rest}"
        case [*init, "end"]:
            return f"ends, init {init}"
        case [[a, b], [c, *_]]:
            return f"nested {a} {b} {c}"
        case [_, _, *_]:
            return "long"
        case str():
            return "string"
        case _:
            return "no"
for v in [[], [5], (3, 3), [1, 2], [1, 2, 3], ["a", "b", "end"], [[1, 2], [3, 4, 5]],
          [9, 9, 9], "ab", range(2), {"a": 1}, iter([1])]:
    print(repr(v) if not hasattr(v, "__next__") else "iterator", "->", f(v))
