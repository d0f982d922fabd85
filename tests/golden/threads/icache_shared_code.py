# Two threads run the same functions (shared code objects, so shared inline caches) on
# different types at the same attribute sites, while a third mutates a class: every load must
# see the right attribute, method, class attribute, property or global.
import threading

class A:
    kind = "A"
    def __init__(self, v):
        self.v = v
    def get(self):
        return self.v
    @property
    def double(self):
        return self.v * 2

class B:
    kind = "B"
    __slots__ = ("v",)
    def __init__(self, v):
        self.v = v
    def get(self):
        return self.v + 1000
    @property
    def double(self):
        return -self.v

class C(A):
    pass

G = 7

def work(objs, n):
    total = 0
    for i in range(n):
        o = objs[i % len(objs)]
        total += o.v + o.get() + o.double + len(o.kind) + G
        o.v = o.v  # STORE_ATTR through the same site for every type
    return total

results = {}

def runner(name, objs, n):
    results[name] = work(objs, n)

def mutate(n):
    for i in range(n):
        C.extra = i          # moves the type epoch again and again
        C.get = A.get if i % 2 else (lambda self: self.v)

objs1 = [A(1), B(2), C(3)]
objs2 = [B(5), C(6), A(7)]
expected1 = None
ts = [threading.Thread(target=runner, args=("t1", objs1, 20000)),
      threading.Thread(target=runner, args=("t2", objs2, 20000)),
      threading.Thread(target=mutate, args=(2000,))]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(results.items()))

# Shadowing: an instance attribute hides a method after the site was specialized.
a = A(1)
for _ in range(3):
    print(a.get())
a.get = lambda: "shadowed"
print(a.get())
del a.get
print(a.get())

# A class attribute replaced after specialization.
def kind_of(o):
    return o.kind
print(kind_of(A(0)), kind_of(A(0)))
A.kind = "A2"
print(kind_of(A(0)))

# A global rebound after specialization.
def g():
    return G
print(g(), g())
G = 8
print(g())
del G
try:
    g()
except NameError as e:
    print("NameError", e)
