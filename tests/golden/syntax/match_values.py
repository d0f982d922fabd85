# match: dotted value patterns, class attributes as constants, mixing with captures.
class Const:
    A = 1
    B = "b"
import types
ns = types.SimpleNamespace(X=10)
def f(v):
    match v:
        case Const.A:
            return "A"
        case Const.B:
            return "B"
        case ns.X:
            return "X"
        case (Const.A, other):
            return f"A then {other}"
        case {"key": Const.B}:
            return "mapping with B"
        case _:
            return "none"
for v in [1, "b", 10, (1, 2), {"key": "b"}, 11, (2, 1)]:
    print(v, f(v))
match [1, [2, [3, 4]]]:
    case [a, [b, [c, d]]]:
        print(a + b + c + d)
match {"a": [1, {"b": 2}]}:
    case {"a": [x, {"b": y}]}:
        print(x, y)
match 3:
    case 1 | 2:
        print("no")
    case x if x > 2:
        print("guard ok", x)
