# weakref: ref dies with its referent (refcounting), callbacks, WeakValueDictionary, finalize.
import weakref
class Obj:
    def __init__(self, name): self.name = name
o = Obj("a")
r = weakref.ref(o, lambda ref: print("callback, dead:", ref() is None))
print(r() is o, r().name)
del o
print(r())
d = weakref.WeakValueDictionary()
x = Obj("x")
d["k"] = x
print(len(d), d["k"].name)
del x
print(len(d), "k" in d)
ws = weakref.WeakSet()
y = Obj("y")
ws.add(y)
print(len(ws))
y = None
print(len(ws))
z = Obj("z")
fin = weakref.finalize(z, print, "finalized z")
print(fin.alive)
del z
print(fin.alive)
p = Obj("p")
proxy = weakref.proxy(p)
print(proxy.name)
del p
try:
    proxy.name
except ReferenceError as e:
    print("ReferenceError:", e)
try:
    weakref.ref(1)
except TypeError as e:
    print(e)
k = Obj("key")
wk = weakref.WeakKeyDictionary({k: 1})
print(len(wk))
del k
print(len(wk))
