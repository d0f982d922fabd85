# ImportError / ModuleNotFoundError messages and attributes, including "from x import y" failures.
try:
    import no_such_module_ladon
except ModuleNotFoundError as e:
    print(type(e).__name__, "|", e, "|", e.name, e.path)
try:
    import os.no_such_sub
except ModuleNotFoundError as e:
    print(e, "|", e.name)
try:
    from math import no_such_name
except ImportError as e:
    print(type(e).__name__, "|", e, "|", e.name, "|", e.name_from if hasattr(e, "name_from") else "")
try:
    from json import lodes
except ImportError as e:
    import traceback
    print(traceback.format_exception(e)[-1], end="")
try:
    __import__("")
except ValueError as e:
    print(e)
try:
    import importlib
    importlib.import_module(".relative")
except TypeError as e:
    print(e)
print(issubclass(ModuleNotFoundError, ImportError), ImportError("m", name="n", path="p").path)
