# Package __init__ runs before submodules; importing a submodule imports the parent first.
print("importing pkgs.order.second")
import pkgs.order.second
print(pkgs.order.second.SECOND)
print("importing pkgs.order again")
import pkgs.order
print(pkgs.order.first.TAG, hasattr(pkgs.order, "second"))
import sys
print(sorted(m for m in sys.modules if m.startswith("pkgs")))
