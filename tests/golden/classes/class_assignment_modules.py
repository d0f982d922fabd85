# __class__ assignment: ModuleType subclasses (a module's class can change), builtin-based
# subclasses, layout and argument errors.
import sys, types
class M(types.ModuleType):
    @property
    def answer(self): return 42
m = types.ModuleType("m")
m.__class__ = M
print(type(m).__name__, m.answer)
mod = sys.modules[__name__]
mod.__class__ = M
print(answer if False else mod.answer)
class N: pass
try:
    m.__class__ = N
except TypeError as e: print(e)
class A: pass
a = A()
try:
    a.__class__ = M
except TypeError as e: print(e)
class W(int): pass
w = W(3)
class W2(int): pass
w.__class__ = W2
print(type(w).__name__, w)
try:
    w.__class__ = int
except TypeError as e: print(e)
class L1(list): pass
class L2(list): pass
l = L1([1]); l.__class__ = L2; print(type(l).__name__, l)
try:
    l.__class__ = A
except TypeError as e: print(e)
class D1: pass
class D2:
    __slots__ = ()
try:
    D1().__class__ = D2
except TypeError as e: print(e)
try:
    del a.__class__
except TypeError as e: print(e)
try:
    a.__class__ = 3
except TypeError as e: print(e)
