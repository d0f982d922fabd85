# namedtuple: fields, defaults, _replace, _asdict, _make, repr, tuple behaviour, rename, errors.
from collections import namedtuple
Point = namedtuple("Point", ["x", "y"])
p = Point(1, y=2)
print(p, p.x + p.y, p[0], tuple(p), p._fields, p._asdict(), p._replace(x=10), Point._make([5, 6]))
a, b = p
print(a, b, p == (1, 2), isinstance(p, tuple), len(p), hash(p) == hash((1, 2)))
P3 = namedtuple("P3", "x y z", defaults=[0, 0])
print(P3(1), P3._field_defaults)
R = namedtuple("R", ["ok", "def", "ok", "_x"], rename=True)
print(R._fields)
try:
    Point(1)
except TypeError as e:
    print(e)
try:
    p.x = 5
except AttributeError as e:
    print(e)
try:
    namedtuple("Bad", ["class"])
except ValueError as e:
    print(e)
class Sub(Point):
    __slots__ = ()
    @property
    def norm(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
print(Sub(3, 4).norm, Sub(3, 4))
from typing import NamedTuple
class Emp(NamedTuple):
    name: str
    id: int = 3
print(Emp("a"), Emp.__annotations__, Emp._field_defaults)
