# Bound methods: equality, __self__/__func__, rebinding, methods of builtins, unbound functions.
class C:
    def m(self, x=0): return ("m", x)
c = C()
bm = c.m
print(bm(), bm.__self__ is c, bm.__func__ is C.m, bm.__name__, bm == c.m, bm is c.m, C.m(c, 5))
other = C()
print(c.m == other.m, hash(c.m) == hash(c.m))
import types
def free(self): return "free function bound"
c.bound = types.MethodType(free, c)
print(c.bound())
lm = [1, 2].append
print(type(lm).__name__, lm.__self__, lm.__name__)
print(type(C.m).__name__, type(c.m).__name__, type(len).__name__, type([].sort).__name__)
f = C.m.__get__(c)
print(f(7))
class Counter:
    def __init__(self): self.n = 0
    def inc(self): self.n += 1
cnt = Counter()
inc = cnt.inc
for _ in range(3):
    inc()
print(cnt.n)
