# Singletons: Ellipsis, None, NotImplemented and their reprs/truthiness.
print(..., Ellipsis, ... is Ellipsis, type(...).__name__)
print(None, type(None).__name__, bool(None))
print(NotImplemented, type(NotImplemented).__name__)
def stub(): ...
print(stub())
print(repr(...), str(None))
x = [...]
print(x)
print(type(None)() is None, type(...)() is ...)
