# Decorators: order of application, arguments, class decorators, arbitrary expressions.
def trace(label):
    def deco(fn):
        print("decorating", fn.__name__, "with", label)
        def wrapper(*a, **k):
            print("call", label, fn.__name__)
            return fn(*a, **k)
        wrapper.__name__ = fn.__name__
        return wrapper
    return deco
@trace("outer")
@trace("inner")
def add(a, b):
    return a + b
print(add(2, 3))
def register(cls):
    cls.registered = True
    return cls
@register
class K:
    pass
print(K.registered)
decos = {"d": lambda f: (lambda: f() * 2)}
@decos["d"]
def seven():
    return 7
print(seven())
@(lambda f: f.__name__)
def named():
    pass
print(named)
import functools
def counted(fn):
    @functools.wraps(fn)
    def w(*a):
        w.calls += 1
        return fn(*a)
    w.calls = 0
    return w
@counted
def sq(x):
    "square it"
    return x * x
sq(2); sq(3)
print(sq.calls, sq.__name__, sq.__doc__, sq.__wrapped__(4))
