# Version tags: a class attribute write invalidates cached lookups on the class and on every
# subclass (through grandchildren), including sites already specialized in a loop.
class A:
    x = 1
    def m(self): return "A.m"
class B(A): pass
class C(B): pass
class D(C):
    x = 40
objs = [A(), B(), C(), D()]
def read(o):
    return o.x, o.m()
for round_ in range(3):
    for i in range(50):
        vals = [read(o) for o in objs]
    print(round_, vals)
    if round_ == 0:
        A.x = 2
        A.m = lambda self: "new A.m"
    elif round_ == 1:
        B.x = 3
        del D.x
# A write on an unrelated class leaves these working.
class U: y = 0
for i in range(100):
    U.y = i
    assert C().x == 3
print(U.y, C().x, A().x)
# Deleting the attribute on the base makes it vanish from subclasses.
del A.m
for o in objs:
    try:
        o.m()
    except AttributeError as e:
        print(e)
# Methods cached then replaced on the instance's class while looping.
class K:
    def f(self): return 1
k = K()
total = 0
for i in range(200):
    total += k.f()
    if i == 99:
        K.f = lambda self: 10
print(total)
# The old value of a replaced class attribute is released at once.
class Noisy:
    def __del__(self): print("Noisy freed")
class H: pass
H.v = Noisy()
print(type(H.v).__name__, type(H().v).__name__)
H.v = None
print("after replace")
