# Module-level __getattr__ and __dir__ (PEP 562) for lazy submodule loading.
import pkgs.lazy as lazy
print("imported lazy")
print(lazy._loaded)
print(lazy.heavy.DATA)
print(lazy._loaded, dir(lazy))
try:
    lazy.missing
except AttributeError as e:
    print(e)
from pkgs.lazy import heavy
print(heavy.DATA)
