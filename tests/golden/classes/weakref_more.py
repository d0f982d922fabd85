# weakref details: the shared basic ref, counts, callbacks newest first, proxies, __callback__.
import weakref
class B:
    pass
o = B()
r1 = weakref.ref(o)
r2 = weakref.ref(o)
print(r1 is r2, weakref.getweakrefcount(o), len(weakref.getweakrefs(o)))
order = []
ra = weakref.ref(o, lambda r: order.append("a"))
rb = weakref.ref(o, lambda r: order.append("b"))
print(weakref.getweakrefcount(o), ra.__callback__ is not None, r1.__callback__)
print(r1 == ra, hash(r1) == hash(o))
del o
print(order, r1(), ra() is None, r1 == ra, r1 == r1)
p = B()
px = weakref.proxy(p)
px.x = 5
print(p.x, px.x, "; to 'B' at" in repr(px))
del p
print(repr(px).endswith("; dead>"))
try:
    px.x
except ReferenceError as e:
    print("ReferenceError:", e)
def f():
    return 42
cp = weakref.proxy(f)
print(cp(), type(cp).__name__, type(px).__name__)
print(weakref.ref(f)() is f, weakref.ref(len)() is len, weakref.ref(B)() is B)
for x in ([], {}, (), "s", 1.5, b"", object()):
    try:
        weakref.ref(x)
    except TypeError as e:
        print(e)
