# abc: register, subclass checks through ABC subclasses, caches, abstract instantiation.
import abc
class Base(abc.ABC):
    @abc.abstractmethod
    def run(self): ...
    @property
    @abc.abstractmethod
    def size(self): ...
class Mid(Base):
    pass
class Plain:
    pass
Mid.register(Plain)
print(issubclass(Plain, Mid), issubclass(Plain, Base), isinstance(Plain(), Base))
print(sorted(Base.__abstractmethods__), sorted(Mid.__abstractmethods__))
try:
    Mid()
except TypeError as e:
    print(e)
class Done(Mid):
    def run(self):
        return "ran"
    size = 3
print(Done().run(), Done.__abstractmethods__, isinstance(Done(), Base))
print(Base.register(int) is int, isinstance(5, Base), issubclass(bool, Base))
try:
    Base.register(5)
except TypeError as e:
    print(e)
token = abc.get_cache_token()
class Other: pass
Base.register(Other)
print(abc.get_cache_token() > token)
class WithHook(abc.ABC):
    @classmethod
    def __subclasshook__(cls, C):
        return hasattr(C, "quack") or NotImplemented
class Duck:
    def quack(self): ...
print(issubclass(Duck, WithHook), issubclass(int, WithHook))
import numbers, fractions, decimal
print([c.__name__ for c in (numbers.Number, numbers.Complex, numbers.Real, numbers.Rational, numbers.Integral) if issubclass(bool, c)])
print(isinstance(fractions.Fraction(1, 2), numbers.Rational), isinstance(decimal.Decimal(1), numbers.Real))
