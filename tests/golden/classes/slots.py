# __slots__: no instance dict, AttributeError messages, inheritance, __weakref__, defaults conflict.
class P:
    __slots__ = ("x", "y")
    def __init__(self, x):
        self.x = x
p = P(1)
print(p.x, hasattr(p, "__dict__"), P.x.__class__.__name__)
try:
    p.z = 3
except AttributeError as e:
    print(e)
try:
    p.y
except AttributeError as e:
    print(e)
p.y = 2
del p.y
print(hasattr(p, "y"))
class Child(P):
    pass
c = Child(5)
c.anything = 1
print(c.anything, "__dict__" in dir(c))
class SlotChild(P):
    __slots__ = ("z",)
sc = SlotChild(1)
sc.z = 3
print(sc.x, sc.z, hasattr(sc, "__dict__"))
try:
    class Conflict:
        __slots__ = ("a",)
        a = 1
except ValueError as e:
    print(e)
class WithDict:
    __slots__ = ("a", "__dict__")
w = WithDict()
w.a = 1
w.b = 2
print(w.a, w.__dict__)
class S1: __slots__ = ("a",)
class S2: __slots__ = ("b",)
try:
    class Both(S1, S2): pass
except TypeError as e:
    print(e)
class Str:
    __slots__ = "single"
s = Str()
s.single = "ok"
print(s.single, Str.__slots__)
import weakref
try:
    weakref.ref(p)
except TypeError as e:
    print(e)
class Weak:
    __slots__ = ("__weakref__",)
print(weakref.ref(Weak()) is not None)
class Private:
    __slots__ = ("__secret",)
    def set(self):
        self.__secret = 1
        return self._Private__secret
print(Private().set(), sorted(k for k in vars(Private) if "secret" in k))
