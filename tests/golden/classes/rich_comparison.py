# Rich comparisons: reflection, NotImplemented, default identity equality, total_ordering.
import functools
class C:
    def __init__(self, v): self.v = v
    def __eq__(self, o):
        print("C.__eq__")
        return isinstance(o, C) and self.v == o.v
    def __lt__(self, o):
        print("C.__lt__")
        return self.v < o.v if isinstance(o, C) else NotImplemented
print(C(1) == C(1), C(1) != C(2))
print(C(1) < C(2), C(2) > C(1))
try:
    C(1) <= C(2)
except TypeError as e:
    print(e)
try:
    C(1) < 5
except TypeError as e:
    print(e)
print(C(1) == 5)
class Sub(C):
    def __eq__(self, o):
        print("Sub.__eq__")
        return "sub wins"
print(C(1) == Sub(1))
@functools.total_ordering
class Ver:
    def __init__(self, *parts): self.parts = parts
    def __eq__(self, o): return self.parts == o.parts
    def __lt__(self, o): return self.parts < o.parts
    def __repr__(self): return "Ver" + str(self.parts)
print(Ver(1, 2) <= Ver(1, 3), Ver(2) >= Ver(1, 9), Ver(1) > Ver(1), sorted([Ver(2), Ver(1, 5), Ver(1)]))
class Plain: pass
p = Plain()
print(p == p, p == Plain(), p != p)
class NeOnly:
    def __eq__(self, o): return True
print(NeOnly() != NeOnly())
class AlwaysNI:
    def __eq__(self, o): return NotImplemented
x = AlwaysNI()
print(x == x, x == AlwaysNI(), x != 1)
class Weird:
    def __eq__(self, o): return "truthy string"
print(Weird() == 1, [Weird()] == [1], Weird() in [1])
