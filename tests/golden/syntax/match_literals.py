# match: literal, capture, wildcard, value and OR patterns.
import enum
class Color(enum.Enum):
    RED = 1
    GREEN = 2
def describe(v):
    match v:
        case 0:
            return "zero"
        case 1 | 2 | 3:
            return "small"
        case "hello":
            return "greeting"
        case True:
            return "true"
        case None:
            return "none"
        case -1:
            return "minus one"
        case 1.5:
            return "one and a half"
        case 2 + 3j:
            return "complex"
        case b"raw":
            return "bytes"
        case Color.RED:
            return "red"
        case other:
            return f"other {other!r}"
for v in [0, 2, "hello", True, None, -1, 1.5, 2 + 3j, b"raw", Color.RED, Color.GREEN, 1.0, False]:
    print(repr(v), "->", describe(v))
match 5:
    case _:
        print("wildcard")
