# types.ModuleType objects: creation, attributes, exec into their namespace, repr of a builtin module.
import types, sys
m = types.ModuleType("dynamic")
print(m.__name__, m.__doc__, sorted(vars(m)))
exec("x = 1\ndef f():\n    return x + 1\n", m.__dict__)
print(m.x, m.f(), m.f.__module__)
print(repr(sys), repr(__import__("math"))[:20])
m2 = types.ModuleType("with_doc", "docstring")
print(m2.__doc__)
try:
    m.nothing
except AttributeError as e:
    print(e)
del m.x
print(hasattr(m, "x"))
print(sys.modules["builtins"].__name__, type(__builtins__).__name__)
