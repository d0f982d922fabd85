# __class_getitem__ and generic aliases of builtins.
class MyList:
    def __class_getitem__(cls, item):
        return f"{cls.__name__}[{item!r}]"
print(MyList[int], MyList["x"], MyList[int, str])
print(list[int], dict[str, list[int]], tuple[int, ...], type(list[int]).__name__)
alias = list[int]
print(alias.__origin__, alias.__args__, alias([1, 2]), isinstance([], list))
try:
    isinstance([], list[int])
except TypeError as e:
    print(e)
print(type[int], set[str] == set[str], list[int] == list[str])
class NoGetitem: pass
try:
    NoGetitem[int]
except TypeError as e:
    print(e)
from collections.abc import Callable
print(Callable[[int], str])
print(int | None, type(int | str).__name__, (int | str).__args__)
