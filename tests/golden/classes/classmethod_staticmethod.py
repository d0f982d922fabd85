# classmethod and staticmethod: binding, inheritance, calling through instance/class.
class A:
    count = 0
    @classmethod
    def create(cls, v):
        cls.count += 1
        return cls, v
    @staticmethod
    def util(x, y):
        return x + y
    def normal(self):
        return self
class B(A):
    pass
print(A.create(1)[0].__name__, B.create(2)[0].__name__, B().create(3)[0].__name__)
print(A.count, B.count)
print(A.util(1, 2), A().util(3, 4), B.util("a", "b"))
print(type(A.__dict__["create"]).__name__, type(A.__dict__["util"]).__name__, type(A.create).__name__, type(A.util).__name__)
print(A.create.__self__ is A, A.__dict__["util"].__func__ is A.util)
try:
    A.normal()
except TypeError as e:
    print(e)
sm = staticmethod(len)
print(sm("abc"), callable(sm))
cm = classmethod(lambda cls: cls.__name__)
class C:
    name = cm
print(C.name(), C().name())
class D:
    @classmethod
    @property
    def chained(cls):
        return "no longer supported"
print(type(D.__dict__["chained"]).__name__)
print(A.util.__name__, A.create.__name__, A.create.__qualname__)
