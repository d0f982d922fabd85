# property: getter/setter/deleter, docs, read-only errors, inheritance and overriding.
class Temp:
    def __init__(self):
        self._c = 0
    @property
    def celsius(self):
        "Temperature in C."
        return self._c
    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError("too cold")
        self._c = v
    @celsius.deleter
    def celsius(self):
        print("deleting")
        self._c = None
    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32
t = Temp()
t.celsius = 100
print(t.celsius, t.fahrenheit, Temp.celsius.__doc__)
try:
    t.celsius = -300
except ValueError as e:
    print(e)
try:
    t.fahrenheit = 5
except AttributeError as e:
    print(e)
del t.celsius
print(t.celsius)
try:
    del t.fahrenheit
except AttributeError as e:
    print(e)
class Sub(Temp):
    @Temp.celsius.getter
    def celsius(self):
        return f"sub {self._c}"
s = Sub()
s.celsius = 5
print(s.celsius)
p = property(lambda self: "lambda prop")
class Q:
    x = p
print(Q().x, isinstance(Q.x, property), Q.x.fget is not None, Q.x.fset)
class NameTest:
    @property
    def name(self):
        return 1
print(NameTest.name.__name__)
