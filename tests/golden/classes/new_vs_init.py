# __new__ and __init__: order, __init__ skipped when __new__ returns another type, errors.
class A:
    def __new__(cls, *args):
        print("A.__new__", cls.__name__, args)
        return super().__new__(cls)
    def __init__(self, x):
        print("A.__init__", x)
        self.x = x
a = A(1)
print(a.x)
class Other:
    def __new__(cls):
        return 42
    def __init__(self):
        print("never runs")
print(Other())
class Sing:
    _inst = None
    def __new__(cls):
        if cls._inst is None:
            cls._inst = super().__new__(cls)
        return cls._inst
    def __init__(self):
        print("init runs each time")
print(Sing() is Sing())
class BadInit:
    def __init__(self):
        return 5
try:
    BadInit()
except TypeError as e:
    print(e)
try:
    object(1)
except TypeError as e:
    print(e)
class NoInit: pass
try:
    NoInit(1)
except TypeError as e:
    print(e)
class OnlyNew:
    def __new__(cls, *a):
        return super().__new__(cls)
print(type(OnlyNew(1, 2)).__name__)
class Pos(int):
    def __new__(cls, v):
        return super().__new__(cls, abs(v))
print(Pos(-5), type(Pos(-5)).__name__, Pos(-5) + 1)
class Tup(tuple):
    def __new__(cls, a, b):
        return super().__new__(cls, (a, b))
    def __init__(self, a, b):
        self.total = a + b
t = Tup(1, 2)
print(t, t.total, len(t))
