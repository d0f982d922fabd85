# math functions take real numbers only; __int__/__index__ returning an int subclass warn.
import math, warnings
for t in ["math.sqrt('4')", "math.trunc('x')", "math.floor(2.5)", "math.ceil(True)", "math.trunc(-2.5)", "math.floor(10**30)", "math.hypot('1')"]:
    try: print(t, eval(t))
    except Exception as e: print(t, type(e).__name__, e)
class I(int): pass
class R:
    def __index__(self): return I(3)
    def __int__(self): return I(4)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    print(type(int(R())).__name__, [1,2,3,4,5][R()], type(R().__index__()).__name__)
print([str(x.message) for x in w])
