# Importing a submodule binds it as an attribute of the parent package; plain "import pkg" does not.
import pkgs
print(hasattr(pkgs, "star"))
import pkgs.star
print(hasattr(pkgs, "star"), hasattr(pkgs.star, "with_all"))
import pkgs.star.with_all
print(hasattr(pkgs.star, "with_all"), pkgs.star.with_all.public)
from pkgs.star import without_all
print(without_all.visible, pkgs.star.without_all is without_all)
try:
    import pkgs.simple.not_a_package
except ModuleNotFoundError as e:
    print(e)
