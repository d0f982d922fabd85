# types.MappingProxyType is read-only but live; SimpleNamespace repr/eq; class __dict__ is a mappingproxy.
import types
base = {"a": 1}
mp = types.MappingProxyType(base)
print(mp["a"], len(mp), list(mp), mp.get("z", 0), "a" in mp, repr(mp), type(mp).__name__)
base["b"] = 2
print(dict(mp), mp | {"c": 3})
try:
    mp["c"] = 3
except TypeError as e:
    print(e)
try:
    del mp["a"]
except TypeError as e:
    print(e)
print(type(int.__dict__).__name__, int.__dict__["__add__"].__name__)
ns = types.SimpleNamespace(b=2, a=1)
ns.c = [3]
print(ns, ns == types.SimpleNamespace(a=1, b=2, c=[3]), vars(ns), repr(types.SimpleNamespace()))
del ns.a
print(ns)
r = types.SimpleNamespace(self_ref=None)
r.self_ref = r
print(r)
