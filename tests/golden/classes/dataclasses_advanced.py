# dataclasses: InitVar, ClassVar, field metadata, unsafe_hash, eq=False, make_dataclass, match.
from dataclasses import dataclass, field, InitVar, make_dataclass, is_dataclass, KW_ONLY
from typing import ClassVar
@dataclass
class C:
    x: int
    scale: InitVar[int] = 1
    count: ClassVar[int] = 0
    meta: str = field(default="m", metadata={"unit": "cm"})
    def __post_init__(self, scale):
        self.x *= scale
c = C(2, 10)
print(c, C.count, C.__dataclass_fields__["meta"].metadata["unit"], "scale" in C.__dataclass_fields__)
@dataclass(unsafe_hash=True)
class H:
    a: int
print(hash(H(1)) == hash(H(1)))
@dataclass(eq=False)
class NoEq:
    a: int
print(NoEq(1) == NoEq(1), NoEq.__hash__ is object.__hash__)
P = make_dataclass("P", [("x", int), ("y", int, field(default=0))])
print(P(1), is_dataclass(P), is_dataclass(P(1)), is_dataclass(5))
@dataclass
class K:
    a: int
    _: KW_ONLY
    b: int = 0
    c: int = 1
print(K(1, b=2))
try:
    K(1, 2)
except TypeError as e:
    print(e)
@dataclass
class Pt:
    x: int
    y: int
match Pt(1, 2):
    case Pt(1, y):
        print("matched y", y)
@dataclass(repr=False)
class NoRepr:
    a: int
print(repr(NoRepr(1)).startswith("<__main__.NoRepr object at"))
@dataclass(frozen=True)
class F:
    items: tuple = ()
f = F((1,))
try:
    del f.items
except AttributeError as e:
    print(type(e).__name__, e)
