# object() and type(): three-argument type, type of types, object's default methods.
o = object()
print(type(o).__name__, type(type), type(object), object.__bases__, type.__bases__, type.__mro__)
try:
    o.x = 1
except AttributeError as e:
    print(e)
X = type("X", (object,), {"a": 1, "m": lambda self: "method"})
print(X.__name__, X.a, X().m(), X.__mro__, X.__module__ if False else "")
Y = type("Y", (X,), {})
print(Y.__bases__, issubclass(Y, X), Y().a)
try:
    type("Z", (1,), {})
except TypeError as e:
    print(e)
try:
    type("Z", (), [])
except TypeError as e:
    print(e)
try:
    type(1, 2)
except TypeError as e:
    print(e)
print(object.__eq__(o, o), object.__eq__(o, 1), object.__ne__(o, 1))
print(o.__class__ is object, o.__str__() == o.__repr__(), o.__format__("") == str(o), type(o.__hash__()).__name__)
print(object().__reduce_ex__(2)[0].__name__ if False else "skip", o.__sizeof__() > 0)
print(type.__name__, int.__name__, int.__qualname__, int.__module__, type(len).__name__, type(print).__name__)
print(type(int.__add__).__name__, type((1).__add__).__name__, type(str.join).__name__, type(dict.fromkeys).__name__)
class M(type): pass
print(type(M("Dyn", (), {})).__name__, M.__mro__)
