# typing.Protocol with runtime_checkable: structural isinstance checks.
from typing import Protocol, runtime_checkable
@runtime_checkable
class Closable(Protocol):
    def close(self) -> None: ...
class File:
    def close(self): pass
class NotFile: pass
print(isinstance(File(), Closable), isinstance(NotFile(), Closable), issubclass(File, Closable))
class NotRuntime(Protocol):
    def m(self): ...
try:
    isinstance(File(), NotRuntime)
except TypeError as e:
    print(e)
@runtime_checkable
class HasX(Protocol):
    x: int
class WithX:
    x = 1
print(isinstance(WithX(), HasX), isinstance(object(), HasX))
try:
    issubclass(WithX, HasX)
except TypeError as e:
    print(e)
class Explicit(Closable):
    pass
print(isinstance(Explicit(), Closable), Explicit.close(None))
try:
    Closable()
except TypeError as e:
    print(e)
