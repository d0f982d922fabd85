# functools.cached_property: computed once, stored in instance dict, can be invalidated.
from functools import cached_property
class Data:
    def __init__(self, vals): self.vals = vals
    @cached_property
    def total(self):
        print("computing")
        return sum(self.vals)
d = Data([1, 2, 3])
print(d.total, d.total, "total" in vars(d))
d.vals.append(4)
print(d.total)
del d.total
print(d.total)
d.total = 100
print(d.total)
print(type(Data.total).__name__, Data.total.attrname)
class Slotted:
    __slots__ = ("x",)
    @cached_property
    def y(self): return 1
try:
    Slotted().y
except TypeError as e:
    print(e)
