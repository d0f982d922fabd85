# __mro_entries__ for non-class bases, types.new_class, __orig_bases__.
import types
class Provider:
    def __mro_entries__(self, bases):
        print("mro_entries called with", [type(b).__name__ for b in bases])
        return (dict,)
class D(Provider()):
    pass
print(D.__bases__, D.__orig_bases__[0].__class__.__name__, D(a=1))
def body(ns):
    ns["x"] = 10
C = types.new_class("C", (object,), {}, body)
print(C.__name__, C.x)
from typing import Generic, TypeVar
T = TypeVar("T")
class G(Generic[T]): pass
print(G.__bases__, G.__orig_bases__, G[int])
try:
    class Bad(5): pass
except TypeError as e:
    print(e)
print(types.resolve_bases((Provider(), int)))
