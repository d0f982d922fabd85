# Properties overridden in subclasses; super() inside property; property on class returns itself.
class Shape:
    @property
    def sides(self): return 0
    @property
    def label(self): return f"{type(self).__name__} with {self.sides} sides"
class Tri(Shape):
    @property
    def sides(self): return 3
class Sq(Shape):
    sides = 4
print(Tri().label, Sq().label, type(Shape.sides).__name__)
class Ext(Tri):
    @property
    def sides(self): return super().sides * 2
print(Ext().sides, Ext().label)
class Counter:
    def __init__(self): self._n = 0
    n = property(lambda self: self._n, lambda self, v: setattr(self, "_n", max(v, 0)))
c = Counter()
c.n = -5
print(c.n)
c.n = 7
print(c.n)
print(Counter.n.fget(c), Counter.n.fset is not None, Counter.n.__isabstractmethod__)
