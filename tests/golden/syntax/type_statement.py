# type statements (PEP 695): lazy evaluation, __value__, type params.
type Alias = list[int]
print(Alias, type(Alias).__name__, Alias.__name__)
print(Alias.__value__)
type Lazy = Undefined
print(Lazy.__name__)
try:
    Lazy.__value__
except NameError as e:
    print("NameError:", e)
Undefined = int
print(Lazy.__value__)
type Pair[T] = tuple[T, T]
print(Pair.__type_params__, Pair[int], Pair.__value__)
type Bounded[T: (int, str), *Ts, **P] = dict
print(Bounded.__type_params__)
T0 = Bounded.__type_params__[0]
print(T0.__constraints__, T0.__name__)
print(Alias.__module__)
