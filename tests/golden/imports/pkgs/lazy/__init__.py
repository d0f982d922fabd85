import importlib
_loaded = []
def __getattr__(name):
    if name in ("heavy",):
        _loaded.append(name)
        return importlib.import_module("." + name, __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
def __dir__():
    return ["heavy", "custom_dir_entry"]
