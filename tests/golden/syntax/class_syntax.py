# Class statement: body execution order, keywords, bases expressions, nested classes.
print("before")
class A:
    print("in body A")
    x = 1
    def m(self):
        return "m"
    class Inner:
        y = 2
    print("end body A", x)
print(A.x, A().m(), A.Inner.y, A.Inner.__qualname__)
bases = (A,)
class B(*bases):
    pass
print(B.__bases__, B.__mro__)
class Meta(type):
    def __new__(mcs, name, bases, ns, **kw):
        print("Meta kw", kw)
        return super().__new__(mcs, name, bases, ns)
class C(metaclass=Meta, flag=True):
    pass
print(type(C).__name__)
def factory():
    class Local:
        pass
    return Local
print(factory().__qualname__)
class Empty: pass
print(Empty.__name__, Empty.__bases__, Empty.__doc__)
class Doc:
    "doc string"
print(Doc.__doc__)
