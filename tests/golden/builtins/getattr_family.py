# getattr/setattr/hasattr/delattr: defaults, errors, hasattr only swallows AttributeError.
class C:
    x = 1
    @property
    def boom(self):
        raise ValueError("property failed")
    @property
    def missing(self):
        raise AttributeError("inner missing")
c = C()
print(getattr(c, "x"), getattr(c, "y", "dflt"), hasattr(c, "x"), hasattr(c, "y"))
setattr(c, "y", 5)
print(c.y, hasattr(c, "y"))
delattr(c, "y")
print(hasattr(c, "y"))
print(hasattr(c, "missing"))
try:
    hasattr(c, "boom")
except ValueError as e:
    print("propagated", e)
try:
    getattr(c, "nope")
except AttributeError as e:
    print(e)
try:
    getattr(c, 5)
except TypeError as e:
    print(e)
try:
    delattr(c, "nope")
except AttributeError as e:
    print(e)
try:
    setattr(5, "real", 1)
except AttributeError as e:
    print(e)
try:
    setattr(object(), "a", 1)
except AttributeError as e:
    print(e)
print(getattr(5, "real"), getattr("s", "upper")())
setattr(C, "new_cls", "added")
print(c.new_cls)
print(getattr(c, "missing", "default used"))
