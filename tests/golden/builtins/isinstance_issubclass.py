# isinstance/issubclass with tuples, unions, ABCs, __instancecheck__, errors.
from collections.abc import Iterable, Sequence, Mapping, Hashable, Sized, Callable
print(isinstance(1, int), isinstance(True, int), isinstance(1, (str, float, int)), isinstance(1, (str, (bytes, int))))
print(isinstance([], Iterable), isinstance([], Sequence), isinstance({}, Mapping), isinstance({}, Sequence))
print(isinstance([], Hashable), isinstance((), Hashable), isinstance(len, Callable), isinstance("x", Sized))
print(isinstance(1, int | str), isinstance(None, int | None), issubclass(bool, int | str))
print(issubclass(bool, int), issubclass(int, bool), issubclass(int, object), issubclass(int, int))
print(issubclass(list, Sequence), issubclass(dict, Iterable), issubclass(str, (int, Sized)))
class It:
    def __iter__(self): return iter(())
print(isinstance(It(), Iterable), issubclass(It, Iterable), isinstance(It(), Sequence))
class Meta(type):
    def __instancecheck__(cls, obj):
        return obj == "magic"
    def __subclasscheck__(cls, sub):
        return sub is str
class Magic(metaclass=Meta): pass
print(isinstance("magic", Magic), isinstance("other", Magic), issubclass(str, Magic), issubclass(int, Magic))
for call in [lambda: isinstance(1, 1), lambda: issubclass(1, int), lambda: issubclass(int, 1), lambda: isinstance(1, (int, 1))]:
    try:
        print(call())
    except TypeError as e:
        print(e)
print(isinstance(int, type), isinstance(type, type), isinstance(type, object), isinstance(object, type))
