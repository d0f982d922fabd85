# match: class patterns, positional via __match_args__, keyword attrs, builtins' self match.
from dataclasses import dataclass
@dataclass
class Point:
    x: int
    y: int
class Plain:
    __match_args__ = ("a",)
    def __init__(self, a, b):
        self.a, self.b = a, b
def f(v):
    match v:
        case Point(0, 0):
            return "origin"
        case Point(x=0, y=y):
            return f"on y axis at {y}"
        case Point(x, y) if x == y:
            return f"diagonal {x}"
        case Point():
            return "point"
        case Plain(1, b=b):
            return f"plain a=1 b={b}"
        case Plain(a):
            return f"plain a={a}"
        case int(n) | float(n):
            return f"number {n}"
        case str() as s:
            return f"str {s}"
        case [Point(x=x1), Point(x=x2)]:
            return f"two points {x1} {x2}"
        case _:
            return "other"
for v in [Point(0, 0), Point(0, 5), Point(2, 2), Point(1, 2), Plain(1, 9), Plain(7, 0), 3, 2.5, "s",
          [Point(1, 0), Point(2, 0)], None]:
    print(f(v))
class Bad:
    __match_args__ = ("a",)
    a = 1
try:
    match Bad():
        case Bad(1, 2):
            pass
except TypeError as e:
    print(e)
try:
    match 5:
        case int(1, 2):
            pass
except TypeError as e:
    print(e)
