# The builtins module: names available, shadowing a builtin, restoring via builtins module.
import builtins
names = [n for n in dir(builtins) if not n.startswith("_")]
for must in ["abs", "aiter", "all", "anext", "any", "ascii", "bin", "bool", "breakpoint", "bytearray", "bytes", "callable", "chr",
             "classmethod", "compile", "complex", "delattr", "dict", "dir", "divmod", "enumerate", "eval", "exec", "filter",
             "float", "format", "frozenset", "getattr", "globals", "hasattr", "hash", "help", "hex", "id", "input",
             "int", "isinstance", "issubclass", "iter", "len", "list", "locals", "map", "max", "memoryview", "min", "next",
             "object", "oct", "open", "ord", "pow", "print", "property", "range", "repr", "reversed", "round", "set",
             "setattr", "slice", "sorted", "staticmethod", "str", "sum", "super", "tuple", "type", "vars", "zip",
             "Ellipsis", "NotImplemented", "None", "True", "False", "PythonFinalizationError", "BaseExceptionGroup"]:
    if must not in names and must not in ("None", "True", "False"):
        print("missing", must)
print(builtins.len is len, builtins.__name__, type(__builtins__).__name__ in ("module", "dict"))
len = lambda x: "shadowed"
print(len([1, 2]), builtins.len([1, 2]))
del len
print(len([1, 2]))
builtins.custom_global = "visible everywhere"
print(custom_global)
del builtins.custom_global
try:
    custom_global
except NameError as e:
    print(e)
