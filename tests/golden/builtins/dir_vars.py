# dir() and vars() basics.
class Base:
    base_attr = 1
    def base_m(self): pass
class C(Base):
    cls_attr = 2
    def __init__(self):
        self.inst = 3
c = C()
names = dir(c)
print([n for n in names if not n.startswith("__")])
print("__init__" in names, "__class__" in names, names == sorted(names))
print(vars(c))
c.extra = 4
print(vars(c))
print(sorted(k for k in vars(C) if not k.startswith("__")))
def f():
    a = 1
    b = 2
    return sorted(dir())
print(f())
try:
    vars(5)
except TypeError as e:
    print(e)
class D:
    def __dir__(self):
        return ["zeta", "alpha"]
print(dir(D()))
import types
ns = types.SimpleNamespace(x=1, y=2)
print(vars(ns))
