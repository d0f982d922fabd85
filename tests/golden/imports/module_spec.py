# __spec__ of loaded modules and packages, importlib.util.find_spec, marshal of data values.
import pkgs.simple as s
import pkgs.rel
import pkgs.ns_pkg
spec = s.__spec__
print(type(spec).__name__, spec.name, spec.parent, spec.submodule_search_locations, spec.has_location)
print(spec.origin.replace("\\", "/").endswith("pkgs/simple.py"), s.__loader__ is spec.loader)
p = pkgs.rel.__spec__
print(p.name, p.parent, [x.replace("\\", "/").split("/")[-1] for x in p.submodule_search_locations])
ns = pkgs.ns_pkg.__spec__
print(ns.name, ns.origin, ns.parent, ns.has_location, list(pkgs.ns_pkg.__path__)[0].replace("\\", "/").split("/")[-1])
import importlib.util
f = importlib.util.find_spec("pkgs.simple")
print(f.name, f.parent, f is s.__spec__)
print(importlib.util.find_spec("pkgs.missing_module_xyz"))
import marshal
data = [None, True, 1, -2 ** 70, 1.5, 2j, "é", b"x", (1, (2,)), {"a": [1]}, frozenset({3})]
print(marshal.loads(marshal.dumps(data)) == data)
try:
    marshal.dumps(object())
except ValueError as e:
    print(e)
