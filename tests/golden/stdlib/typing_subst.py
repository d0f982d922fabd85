# typing: Generic subscription and substitution of TypeVars in GenericAlias, Union, Callable.
import typing
from typing import TypeVar, Generic, List, Optional, Union, Callable, ParamSpec, TypeVarTuple, Unpack
T = TypeVar("T"); K = TypeVar("K"); P = ParamSpec("P"); Ts = TypeVarTuple("Ts")
class Box(Generic[T]):
    pass
print(Box[int], Box[int].__origin__, Box.__parameters__, Box[List[K]].__parameters__)
print(List[T][int], Optional[T][str], Union[T, int][str], Callable[P, T][[int], str])
class Arr(Generic[*Ts]): pass
print(Arr[int, str], Arr.__parameters__)
print(typing.get_origin(int | str), typing.get_args(int | str))
print((T | int).__parameters__)
try:
    print((T | int)[str])
except Exception as e:
    print(type(e).__name__, e)
print(list[T][int], dict[K, T][str, int])
def f(x: T) -> T: return x
print(typing.get_type_hints(f))
print(T.__name__, T.__constraints__, typing.TypeVar.__module__, type(T), repr(typing.NoDefault), type(typing.NoDefault))
import pickle
print(pickle.loads(pickle.dumps(T)) is T)
class C[X]:
    def m[Y](self, y: Y) -> X: ...
print(C.m.__type_params__, C.__parameters__, C[int])
NT = typing.NewType("NT", int)
print(NT(3), NT)
print(isinstance(3, int | str), issubclass(bool, int | None))
