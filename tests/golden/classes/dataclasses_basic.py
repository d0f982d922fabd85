# dataclasses: generated __init__/__repr__/__eq__, defaults, field(), order, frozen, post_init.
from dataclasses import dataclass, field, asdict, astuple, replace, fields, FrozenInstanceError
@dataclass
class Item:
    name: str
    price: float = 0.0
    tags: list = field(default_factory=list)
    secret: str = field(default="x", repr=False, compare=False)
i = Item("pen", 1.5)
print(i, i == Item("pen", 1.5, [], "other"), i.tags is not Item("a").tags)
print(asdict(i), astuple(i), [f.name for f in fields(i)])
print(replace(i, price=2.0))
@dataclass(order=True, frozen=True)
class Ver:
    major: int
    minor: int = 0
print(Ver(1, 2) < Ver(1, 3), sorted([Ver(2), Ver(1, 5)]), hash(Ver(1)) == hash(Ver(1)))
try:
    Ver(1).major = 2
except FrozenInstanceError as e:
    print(type(e).__name__, e)
@dataclass
class Post:
    a: int
    b: int = field(init=False)
    def __post_init__(self):
        self.b = self.a * 2
print(Post(3))
try:
    @dataclass
    class Bad:
        x: list = []
except ValueError as e:
    print(e)
try:
    @dataclass
    class Order:
        a: int = 1
        b: int
except TypeError as e:
    print(e)
try:
    Item()
except TypeError as e:
    print(e)
@dataclass(slots=True, kw_only=True)
class KW:
    x: int
    y: int = 2
k = KW(x=1)
print(k, hasattr(k, "__dict__"), KW.__slots__)
@dataclass
class Child(Item):
    extra: int = 0
print(Child("c", 1.0, ["t"], "s", 5))
print(Item.__eq__(i, 5), Item.__match_args__)
