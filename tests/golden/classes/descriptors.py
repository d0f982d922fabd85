# Descriptor protocol: data vs non-data precedence, __get__ with None instance, __delete__.
class NonData:
    def __get__(self, obj, owner):
        return f"nondata get obj={obj is not None} owner={owner.__name__}"
class Data:
    def __get__(self, obj, owner):
        return "data get"
    def __set__(self, obj, value):
        print("data set", value)
    def __delete__(self, obj):
        print("data delete")
class C:
    nd = NonData()
    d = Data()
c = C()
print(c.nd, C.nd)
c.__dict__["nd"] = "instance wins over non-data"
print(c.nd)
c.__dict__["d"] = "instance loses to data"
print(c.d)
c.d = 5
del c.d
class Typed:
    def __init__(self, kind):
        self.kind = kind
    def __set_name__(self, owner, name):
        self.name = name
    def __get__(self, obj, owner):
        if obj is None:
            return self
        return obj.__dict__[self.name]
    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError(f"{self.name} must be {self.kind.__name__}")
        obj.__dict__[self.name] = value
class Person:
    age = Typed(int)
    name = Typed(str)
    def __init__(self, name, age):
        self.name, self.age = name, age
p = Person("Ann", 30)
print(p.name, p.age)
try:
    p.age = "old"
except TypeError as e:
    print(e)
print(type(Person.age).__name__)
class Method:
    def f(self):
        return "bound"
m = Method()
bound = Method.__dict__["f"].__get__(m, Method)
print(bound(), bound.__self__ is m, Method.__dict__["f"].__get__(None, Method) is Method.__dict__["f"])
class OnlySet:
    def __set__(self, obj, value):
        obj.__dict__["x"] = value * 2
class H:
    x = OnlySet()
h = H()
h.x = 4
print(h.x, type(H.x).__name__)
