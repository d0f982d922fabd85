# Namespace packages (directories without __init__.py) are importable.
import pkgs.ns_pkg.inner.mod as mod
print(mod.WHERE)
import pkgs.ns_pkg
print(pkgs.ns_pkg.__file__, type(pkgs.ns_pkg.__path__).__name__, pkgs.ns_pkg.__spec__.origin)
