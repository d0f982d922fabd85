# callable() on all kinds of objects.
class C:
    def m(self): pass
class WithCall:
    def __call__(self): return "called"
def f(): pass
for obj in [f, len, C, C(), C().m, WithCall(), WithCall()(), 5, "s", lambda: 0, type, print, str.upper]:
    print(type(obj).__name__, callable(obj))
