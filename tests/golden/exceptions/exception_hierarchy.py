# The built-in exception hierarchy: parents of every common exception.
import builtins
names = sorted(n for n, v in vars(builtins).items() if isinstance(v, type) and issubclass(v, BaseException))
for n in names:
    cls = getattr(builtins, n)
    print(n, "->", cls.__bases__[0].__name__ if len(cls.__bases__) == 1 else [b.__name__ for b in cls.__bases__])
