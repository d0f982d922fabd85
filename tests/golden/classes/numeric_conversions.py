# __int__, __float__, __complex__, __index__, __round__, __trunc__, __floor__, __ceil__, __bytes__.
import math
class N:
    def __int__(self): return 7
    def __float__(self): return 7.5
    def __complex__(self): return 1 + 2j
    def __index__(self): return 3
    def __round__(self, nd=None): return f"round {nd}"
    def __trunc__(self): return "trunc"
    def __floor__(self): return "floor"
    def __ceil__(self): return "ceil"
    def __bytes__(self): return b"bytes!"
n = N()
print(int(n), float(n), complex(n), round(n), round(n, 2), math.trunc(n), math.floor(n), math.ceil(n), bytes(n))
print([10, 20, 30, 40][n], bin(n), "ab" * n)
class OnlyIndex:
    def __index__(self): return 4
print(int(OnlyIndex()), float(OnlyIndex()), complex(OnlyIndex()))
class BadFloat:
    def __float__(self): return "no"
try:
    float(BadFloat())
except TypeError as e:
    print(e)
class BadInt:
    def __int__(self): return 1.5
try:
    int(BadInt())
except TypeError as e:
    print(e)
class FloatSub(float): pass
class RetSub:
    def __float__(self): return FloatSub(2.0)
import warnings
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    v = float(RetSub())
print(v, type(v).__name__, [str(x.message) for x in w])
try:
    math.floor("x")
except TypeError as e:
    print(e)
