# enum: Enum, IntEnum, StrEnum, Flag, auto, aliases, lookup, iteration, errors.
from enum import Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique
class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1
print(Color.RED, repr(Color.GREEN), Color(2), Color["BLUE"], Color.CRIMSON is Color.RED, list(Color))
print(Color.RED.name, Color.RED.value, len(Color), Color.RED in Color, [m.name for m in Color.__members__.values()])
try:
    Color(9)
except ValueError as e:
    print(e)
try:
    Color["PINK"]
except KeyError as e:
    print("KeyError", e)
try:
    Color.RED.value = 5
except AttributeError as e:
    print(e)
class Num(IntEnum):
    ONE = 1
    TWO = 2
print(Num.ONE + 1, Num.TWO == 2, sorted([Num.TWO, Num.ONE]), f"{Num.ONE}", str(Num.ONE), repr(Num.ONE))
class S(StrEnum):
    A = auto()
    B = "bee"
print(S.A, S.B.upper(), S.A == "a", repr(S.B))
class Perm(Flag):
    R = auto()
    W = auto()
    X = auto()
rw = Perm.R | Perm.W
print(rw, Perm.R in rw, Perm.X in rw, list(rw), Perm(0), ~Perm.R, rw.value, bool(Perm(0)))
class Bits(IntFlag):
    A = 1
    B = 2
print(Bits.A | Bits.B, Bits(3), Bits.A | 4, int(Bits.B))
try:
    @unique
    class Dup(Enum):
        A = 1
        B = 1
except ValueError as e:
    print(e)
class Planet(Enum):
    EARTH = (5.97e24, 6.37e6)
    def __init__(self, mass, radius):
        self.mass, self.radius = mass, radius
    @property
    def gravity(self):
        return round(6.673e-11 * self.mass / self.radius ** 2, 2)
print(Planet.EARTH.gravity, Planet.EARTH.value)
class Auto(Enum):
    X = auto()
    Y = auto()
print(Auto.X.value, Auto.Y.value, Auto.X < Auto.Y if False else "no ordering")
try:
    Auto.X < Auto.Y
except TypeError as e:
    print(e)
try:
    class Extend(Color):
        PINK = 4
except TypeError as e:
    print(e)
