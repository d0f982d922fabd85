# Uncaught exception raised while importing a module: the traceback shows the import line and the module.
print("before import")
import pkgs.broken.fails
