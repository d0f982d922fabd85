# __name__, __qualname__, __module__ on classes, nested classes, methods and functions.
class Outer:
    class Inner:
        def method(self): pass
        class Deep: pass
    def meth(self):
        class InMethod: pass
        return InMethod
def func():
    def nested(): pass
    return nested
print(Outer.__qualname__, Outer.Inner.__qualname__, Outer.Inner.Deep.__qualname__)
print(Outer.Inner.method.__qualname__, Outer().meth().__qualname__, func().__qualname__)
print(Outer.__module__, Outer.Inner.method.__module__, func.__module__, int.__module__, len.__module__)
print(Outer.Inner.__name__, Outer.meth.__name__, repr(Outer.Inner), repr(Outer().meth()))
Outer.__qualname__ = "Renamed"
print(repr(Outer), Outer.__name__)
lam = lambda: None
print(lam.__qualname__, lam.__name__)
import collections
print(collections.OrderedDict.__module__, collections.OrderedDict.__qualname__)
try:
    Outer.__qualname__ = 5
except TypeError as e:
    print(e)
