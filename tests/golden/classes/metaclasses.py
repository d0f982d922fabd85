# Metaclasses: __new__/__init__/__call__/__prepare__, inheritance of metaclass, conflicts.
class Meta(type):
    @classmethod
    def __prepare__(mcs, name, bases, **kw):
        print("prepare", name, kw)
        return {"injected": True}
    def __new__(mcs, name, bases, ns, **kw):
        print("new", name, sorted(k for k in ns if not k.startswith("__")))
        return super().__new__(mcs, name, bases, ns)
    def __init__(cls, name, bases, ns, **kw):
        print("init", name)
        super().__init__(name, bases, ns)
    def __call__(cls, *a, **k):
        print("call", cls.__name__, a)
        return super().__call__(*a, **k)
class A(metaclass=Meta, option=1):
    x = 1
    def __init__(self, v):
        print("A.__init__", v)
a = A(5)
print(A.injected, type(A).__name__)
class B(A):
    pass
print(type(B).__name__)
class Singleton(type):
    _instances = {}
    def __call__(cls, *a, **k):
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__(*a, **k)
        return cls._instances[cls]
class Conf(metaclass=Singleton):
    pass
print(Conf() is Conf())
class M1(type): pass
class M2(type): pass
class C1(metaclass=M1): pass
class C2(metaclass=M2): pass
try:
    class C3(C1, C2): pass
except TypeError as e:
    print(e)
class OrderMeta(type):
    def __new__(mcs, name, bases, ns):
        cls = super().__new__(mcs, name, bases, ns)
        cls.order = [k for k in ns if not k.startswith("__")]
        return cls
class Ordered(metaclass=OrderMeta):
    zeta = 1
    alpha = 2
    def mid(self): pass
print(Ordered.order)
class Attr(type):
    def __getattr__(cls, name):
        return f"meta-attr {name}"
class UsesAttr(metaclass=Attr): pass
print(UsesAttr.whatever)
def func_meta(name, bases, ns):
    ns["made_by"] = "function"
    return type(name, bases, ns)
class F(metaclass=func_meta): pass
print(F.made_by, type(F).__name__)
