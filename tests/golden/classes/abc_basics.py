# abc: abstract methods, instantiation errors, register(), __subclasshook__, abstract properties.
from abc import ABC, ABCMeta, abstractmethod
class Shape(ABC):
    @abstractmethod
    def area(self): ...
    @property
    @abstractmethod
    def name(self): ...
    def describe(self):
        return f"{self.name} with area {self.area()}"
try:
    Shape()
except TypeError as e:
    print(e)
class Half(Shape):
    def area(self): return 1
try:
    Half()
except TypeError as e:
    print(e)
class Square(Shape):
    def __init__(self, s): self.s = s
    def area(self): return self.s ** 2
    @property
    def name(self): return "square"
print(Square(3).describe(), sorted(Shape.__abstractmethods__), Square.__abstractmethods__)
class Duck(ABC):
    @classmethod
    def __subclasshook__(cls, C):
        if cls is Duck:
            return any("quack" in B.__dict__ for B in C.__mro__)
        return NotImplemented
class Mallard:
    def quack(self): pass
print(issubclass(Mallard, Duck), isinstance(Mallard(), Duck), isinstance(1, Duck))
class Registry(metaclass=ABCMeta): pass
Registry.register(int)
print(isinstance(5, Registry), issubclass(bool, Registry), issubclass(str, Registry))
@Registry.register
class Decorated: pass
print(issubclass(Decorated, Registry), Decorated.__name__)
class WithAbstractStatic(ABC):
    @staticmethod
    @abstractmethod
    def s(): ...
    @classmethod
    @abstractmethod
    def c(cls): ...
print(sorted(WithAbstractStatic.__abstractmethods__))
