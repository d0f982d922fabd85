# Class attributes vs instance attributes: shadowing, mutation of shared mutable, lookup order.
class C:
    shared = []
    count = 0
    def __init__(self):
        self.own = []
a, b = C(), C()
a.shared.append("from a")
a.own.append("own a")
print(b.shared, b.own, C.shared)
a.count += 1
print(a.count, b.count, C.count, "count" in vars(a))
C.count = 10
print(a.count, b.count)
del a.count
print(a.count)
C.new_attr = "added later"
print(b.new_attr)
a.shared = ["rebound"]
print(a.shared, b.shared)
class D(C):
    count = 100
print(D().count, D.shared is C.shared, D.__dict__.get("shared"), "count" in D.__dict__)
def method(self): return "patched method"
C.m = method
print(a.m(), D().m())
a.m = lambda: "instance lambda"
print(a.m(), b.m())
print(type(C.__dict__).__name__)
try:
    C.__dict__["x"] = 1
except TypeError as e:
    print(e)
