# import, from-import, import-as: bindings, module attributes, repeated imports execute once.
import pkgs.simple
print(pkgs.simple.VALUE, pkgs.simple.greet("x"))
from pkgs.simple import VALUE, greet as hi
print(VALUE, hi("y"))
import pkgs.simple as s
print(s is pkgs.simple, s.__name__, s.__doc__, s.__package__, type(s).__name__)
print(s.__file__.replace("\\", "/").endswith("imports/pkgs/simple.py"), s.__spec__.name, s.Thing.__module__)
from pkgs import simple
print(simple is s, "simple" in dir(pkgs))
import pkgs.simple, pkgs.simple
print(sorted(k for k in vars(s) if not k.startswith("__")))
