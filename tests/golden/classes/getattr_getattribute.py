# __getattr__ (fallback) vs __getattribute__ (always), __setattr__/__delattr__ hooks.
class Fallback:
    real = "real value"
    def __getattr__(self, name):
        if name.startswith("dyn_"):
            return f"dynamic {name}"
        raise AttributeError(f"no {name}")
f = Fallback()
print(f.real, f.dyn_x, getattr(f, "dyn_y"), hasattr(f, "other"))
try:
    f.other
except AttributeError as e:
    print(e)
class Logging:
    def __init__(self):
        self.x = 1
    def __getattribute__(self, name):
        if not name.startswith("__"):
            print("getattribute", name)
        return object.__getattribute__(self, name)
    def __getattr__(self, name):
        return f"fallback {name}"
lg = Logging()
print(lg.x)
print(lg.missing)
class Guard:
    def __setattr__(self, name, value):
        print("setattr", name, value)
        if name == "frozen":
            raise AttributeError("frozen is read-only")
        super().__setattr__(name, value)
    def __delattr__(self, name):
        print("delattr", name)
        super().__delattr__(name)
g = Guard()
g.a = 1
try:
    g.frozen = 2
except AttributeError as e:
    print(e)
del g.a
print(vars(g))
class Proxy:
    def __init__(self, target):
        object.__setattr__(self, "_target", target)
    def __getattr__(self, name):
        return getattr(self._target, name)
pr = Proxy([3, 1, 2])
pr.sort()
print(pr._target, pr.count(1))
class Recursing:
    def __getattr__(self, name):
        return self.__dict__[name]
try:
    Recursing().x
except KeyError as e:
    print("KeyError", e)
