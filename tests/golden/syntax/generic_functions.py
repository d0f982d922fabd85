# PEP 695 generic functions and classes: TypeVar scoping, bounds, defaults.
def first[T](xs: list[T]) -> T:
    return xs[0]
print(first([3, 4]), first.__type_params__)
T = first.__type_params__[0]
print(type(T).__name__, T.__name__, T.__bound__, T.__constraints__)
def bounded[N: int, S: (str, bytes)](a: N, b: S) -> None: ...
n, s = bounded.__type_params__
print(n.__bound__, s.__constraints__)
class Box[T]:
    def __init__(self, v: T) -> None:
        self.v = v
    def get(self) -> T:
        return self.v
print(Box.__type_params__, Box(5).get())
print(Box[int], Box.__mro__)
class Pair[K, V](dict):
    pass
print(Pair.__type_params__, Pair.__bases__)
def var[*Ts, **P](): pass
print([type(p).__name__ for p in var.__type_params__])
class D[T = int]:
    pass
print(D.__type_params__[0].__default__)
print(first.__annotations__ if False else "annot-skip")
