# PEP 695/696 type parameters: lazy bounds, constraints, defaults and alias values.
def f[T: Later, *Ts = tuple[int, ...], **P = [int, str]](): ...
T, Ts, P = f.__type_params__
try:
    T.__bound__
except NameError as e:
    print("NameError:", e)
class Later: pass
print(T.__bound__, T.__constraints__, T.has_default(), repr(T.__default__))
print(Ts.__default__, P.__default__, Ts.has_default(), P.has_default())
print(T.__module__, type(T).__module__, T.__infer_variance__, repr(T))
class C[U: (int, str) = int, V = list[U]]:
    pass
U, V = C.__type_params__
print(U.__constraints__, U.__default__, V.__default__, C.__mro__[1:], C[int, str])
type A[X = int] = dict[str, X]
print(A.__type_params__, A.__value__, A[bytes], A.__module__, A.evaluate_value(1))
from typing import TypeVar, TypeAliasType, ParamSpec
Q = TypeVar("Q", bound=int, covariant=True)
print(repr(Q), Q.__bound__, Q.__covariant__, Q | None, int | Q)
try:
    TypeVar("Q", int)
except TypeError as e:
    print(e)
try:
    class Bad(T): pass
except TypeError as e:
    print(e)
P2 = ParamSpec("P2")
print(P2.args, P2.kwargs, P2.args.__origin__ is P2)
B = TypeAliasType("B", list[int])
print(B, B.__value__, B.__type_params__)
