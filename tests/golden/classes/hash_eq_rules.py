# __hash__/__eq__ interplay: defining __eq__ disables hashing, explicit inheritance, dict/set use.
class Point:
    def __init__(self, x, y): self.x, self.y = x, y
    def __eq__(self, o): return isinstance(o, Point) and (self.x, self.y) == (o.x, o.y)
    def __hash__(self): return hash((self.x, self.y))
    def __repr__(self): return f"P({self.x},{self.y})"
s = {Point(1, 2), Point(1, 2), Point(2, 1)}
print(len(s), Point(1, 2) in s, {Point(0, 0): "origin"}[Point(0, 0)])
class EqNoHash:
    def __eq__(self, o): return True
print(EqNoHash.__hash__ is None)
try:
    {EqNoHash()}
except TypeError as e:
    print(e)
class Child(Point):
    def __eq__(self, o): return False
print(Child.__hash__ is None)
class KeepHash(Point):
    def __eq__(self, o): return super().__eq__(o)
    __hash__ = Point.__hash__
print(hash(KeepHash(1, 2)) == hash(Point(1, 2)))
class NoEq: pass
a = NoEq()
print(hash(a) == hash(a), {a: 1}[a])
class Unhashable:
    __hash__ = None
try:
    hash(Unhashable())
except TypeError as e:
    print(e)
class Mutable:
    def __init__(self): self.v = 0
    def __hash__(self): return self.v
    def __eq__(self, o): return self is o
m = Mutable()
d = {m: "x"}
m.v = 12345
print(m in d, list(d.values()))
class Counting:
    calls = 0
    def __hash__(self):
        Counting.calls += 1
        return 1
    def __eq__(self, o):
        return self is o
c = Counting()
d2 = {c: 1}
d2[c]
_ = c in d2
print(Counting.calls)
