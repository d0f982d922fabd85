# importlib.import_module (absolute and relative), reload re-executes, invalidate_caches, util.find_spec.
import importlib, importlib.util
m = importlib.import_module("pkgs.counter_mod")
m.count = 99
same = importlib.import_module("pkgs.counter_mod")
print(same is m, same.count)
reloaded = importlib.reload(m)
print(reloaded is m, m.count)
rel = importlib.import_module(".b", package="pkgs.rel")
print(rel.__name__, rel.helper())
print(importlib.util.find_spec("pkgs.simple") is not None, importlib.util.find_spec("pkgs.nope"))
try:
    importlib.import_module("pkgs.does_not_exist")
except ModuleNotFoundError as e:
    print(e)
print(importlib.import_module("json").dumps([1]))
