# Class calls whose __init__ is a Python function (run in the caller's eval loop): return
# value checks, errors and tracebacks, __new__ interplay, metaclass __call__, bound methods.
import sys
import traceback


def show(fn):
    try:
        r = fn()
        print("ok", r)
    except Exception:
        traceback.print_exc(file=sys.stdout)


class Returns:
    def __init__(self, v):
        self.v = v
        return v


show(lambda: Returns(None).v)
show(lambda: Returns(1))
show(lambda: Returns("s"))
show(lambda: Returns([]))


class GenInit:
    def __init__(self):
        yield 1


show(GenInit)


class Raises:
    def __init__(self, x):
        self = None
        raise ValueError("bad %r" % (x,))


show(lambda: Raises(3))


class Args:
    def __init__(self, a, b=2, *rest, c=3, **kw):
        self.t = (a, b, rest, c, sorted(kw.items()))


show(lambda: Args(1).t)
show(lambda: Args(1, 5, 6, 7, c=8, d=9).t)
show(lambda: Args())
show(lambda: Args(1, zz=2, c=1, b=3).t)


class Simple:
    def __init__(self, a, b):
        self.s = a + b


show(lambda: Simple(1, 2).s)
show(lambda: Simple(1))
show(lambda: Simple(1, 2, 3))
show(lambda: Simple(a=1, b=2).s)


class Other:
    pass


class NewOther:
    def __new__(cls, *a):
        return Other()

    def __init__(self, *a):
        print("never")


show(lambda: type(NewOther(1)).__name__)


class NewSub:
    def __new__(cls, x):
        print("new", cls.__name__, x)
        return super().__new__(cls)

    def __init__(self, x):
        print("init", x)
        self.x = x


show(lambda: NewSub(4).x)


class Meta(type):
    def __call__(cls, *a):
        print("meta call", a)
        return super().__call__(*a)


class WithMeta(metaclass=Meta):
    def __init__(self, a):
        self.a = a


show(lambda: WithMeta(5).a)


class Base:
    def __init__(self, x):
        self.x = x


class Derived(Base):
    def __init__(self, x, y):
        super().__init__(x)
        self.y = y


show(lambda: vars(Derived(1, 2)))


class Inherit(Base):
    pass


show(lambda: Inherit(7).x)


class Slots:
    __slots__ = ("a",)

    def __init__(self, a):
        self.a = a


show(lambda: Slots(9).a)


class ListSub(list):
    def __init__(self, *a):
        super().__init__(*a)
        self.append("extra")


show(lambda: ListSub([1, 2]))


class Recur:
    def __init__(self, n):
        self.child = Recur(n - 1) if n else None


show(lambda: Recur(50).child is not None)
try:
    Recur(100000)
except RecursionError as e:
    print("RecursionError:", e)


class Later:
    pass


def late_init(self, v):
    self.v = v


Later.__init__ = late_init
show(lambda: Later(3).v)
del Later.__init__
show(lambda: Later(3))


class Meth:
    def __init__(self):
        self.n = 0

    def bump(self, k=1):
        self.n += k
        return self.n


m = Meth()
bound = m.bump
print(bound(), bound(5), bound(k=2), [bound() for _ in range(3)])
stored = {"f": m.bump}
print(stored["f"](10))


def deco_bound(self, x):
    raise RuntimeError("in bound %d" % x)


m.bad = deco_bound.__get__(m)
show(lambda: m.bad(1))
