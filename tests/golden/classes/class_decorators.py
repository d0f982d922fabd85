# Class decorators that add methods, wrap classes, and register them.
registry = {}
def register(name):
    def deco(cls):
        registry[name] = cls
        return cls
    return deco
def add_repr(cls):
    def __repr__(self):
        fields = ", ".join(f"{k}={v!r}" for k, v in vars(self).items())
        return f"{cls.__name__}({fields})"
    cls.__repr__ = __repr__
    return cls
@register("pt")
@add_repr
class Point:
    def __init__(self, x, y): self.x, self.y = x, y
print(registry["pt"] is Point, Point(1, "y"))
def singleton(cls):
    instances = {}
    def get(*a):
        if cls not in instances:
            instances[cls] = cls(*a)
        return instances[cls]
    return get
@singleton
class Config:
    def __init__(self, v): self.v = v
print(Config(1).v, Config(2).v, type(Config).__name__)
import functools
@functools.total_ordering
class N:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __gt__(self, o): return self.v > o.v
print(N(1) < N(2), N(2) <= N(2), N(3) >= N(4))
