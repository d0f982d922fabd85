# Name resolution in class bodies: class scope not visible to methods, comprehensions.
x = "global"
class A:
    x = "class"
    y = x
    def m(self):
        return x
    lam = lambda self: x
    gen = [x for _ in range(1)]
print(A.y, A().m(), A().lam(), A.gen)
def f():
    x = "local"
    class B:
        print("in B:", x)
        x = "B attr"
        print("in B after:", x)
    return B.x
print(f())
def g():
    y = "enclosing"
    class C:
        z = y
    return C.z
print(g())
class D:
    items = [1, 2]
    total = sum(i for i in items) if False else None
    names = ["a", "b"]
    upper = [n.upper() for n in names]
print(D.upper)
