# Exceptions that cannot be raised (in __del__, in finalizers) go to sys.unraisablehook.
import sys
seen = []
def hook(u):
    seen.append((type(u.exc_value).__name__, str(u.exc_value), u.err_msg.split(" <")[0] if u.err_msg else None))
sys.unraisablehook = hook
class D:
    def __del__(self):
        raise ValueError("from __del__")
d = D()
del d
print(seen)
def gen():
    try:
        yield 1
    finally:
        raise KeyError("from generator finally")
g = gen()
next(g)
del g
print(seen[-1][:2])
