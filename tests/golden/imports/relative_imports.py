# Relative imports inside a package: from . import, from .., from .sub.mod, __package__ values.
from pkgs.rel import a
print(a.A)
import pkgs.rel.sub.c as c
import sys
print(c.__package__, c.__name__, sys.modules["pkgs.rel.sub"].PARENT_NAME)
import sys
print(sorted(m for m in sys.modules if m.startswith("pkgs.rel")))
try:
    exec("from . import anything", {"__name__": "__main__", "__package__": None})
except ImportError as e:
    print(type(e).__name__, e)
try:
    exec("from .. import x", {"__name__": "pkgs.simple", "__package__": "pkgs"})
except ImportError as e:
    print(type(e).__name__, e)
