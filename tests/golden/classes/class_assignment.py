# Changing __class__ of instances, __bases__ of classes; restrictions on builtins.
class A:
    def who(self): return "A"
class B:
    def who(self): return "B"
obj = A()
obj.__class__ = B
print(obj.who(), type(obj).__name__, isinstance(obj, B))
try:
    obj.__class__ = int
except TypeError as e:
    print(e)
try:
    (1).__class__ = bool
except TypeError as e:
    print(e)
class Base1:
    def m(self): return "Base1"
class Base2:
    def m(self): return "Base2"
class Child(Base1): pass
c = Child()
print(c.m())
Child.__bases__ = (Base2,)
print(c.m(), Child.__mro__[1].__name__)
try:
    Child.__bases__ = ()
except TypeError as e:
    print(e)
class Slotted:
    __slots__ = ("a",)
class Slotted2:
    __slots__ = ("b",)
s = Slotted()
try:
    s.__class__ = Slotted2
except TypeError as e:
    print(e)
