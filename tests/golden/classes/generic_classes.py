# Generic classes with typing.Generic and PEP 695 syntax at runtime: subscription, orig_class.
from typing import Generic, TypeVar, get_args, get_origin
T = TypeVar("T")
class Stack(Generic[T]):
    def __init__(self): self.items: list[T] = []
    def push(self, x: T) -> None: self.items.append(x)
    def pop(self) -> T: return self.items.pop()
s = Stack[int]()
s.push(1); s.push(2)
print(s.pop(), s.__orig_class__, get_args(Stack[int]), get_origin(Stack[int]) is Stack)
class Pair[A, B]:
    def __init__(self, a: A, b: B): self.a, self.b = a, b
    def swap(self) -> "Pair[B, A]": return Pair(self.b, self.a)
p = Pair(1, "x").swap()
print(p.a, p.b, Pair[int, str], Pair.__parameters__)
try:
    Stack[int, str]
except TypeError as e:
    print(e)
class IntStack(Stack[int]): pass
print(IntStack.__orig_bases__, IntStack.__parameters__, IntStack.__mro__[1].__name__)
