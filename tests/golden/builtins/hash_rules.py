# hash(): numeric hash invariants, tuples, unhashables, __hash__ = None, -1 never returned.
print(hash(0), hash(1), hash(-1), hash(-2), hash(2 ** 61 - 1), hash(2 ** 61), hash(-(2 ** 61)))
print(hash(1.0) == hash(1), hash(1.5), hash(-1.5), hash(0.0) == hash(-0.0), hash(True), hash(False))
print(hash(float("inf")), hash(float("-inf")), hash(1 + 0j) == hash(1), hash(10 ** 30))
print(hash(()) == hash(()), hash((1, 2)) == hash((1, 2)), hash((1, 2)) == hash((1.0, 2.0)))
print(hash((1, 2)), hash((1, (2, 3))), hash(()), hash(None) == hash(None))
print(hash(frozenset({1, 2})) == hash(frozenset({2, 1})), hash(range(3)) == hash(range(0, 3)))
from fractions import Fraction
from decimal import Decimal
print(hash(Fraction(1, 2)) == hash(0.5), hash(Decimal("2.5")) == hash(2.5))
for bad in [[], {}, set(), bytearray(), ([],)]:
    try:
        hash(bad)
    except TypeError as e:
        print(e)
class H:
    def __hash__(self):
        return -1
print(hash(H()))
class Big:
    def __hash__(self):
        return 2 ** 100
print(hash(Big()) == hash(2 ** 100))
class EqOnly:
    def __eq__(self, o):
        return True
print(EqOnly.__hash__)
try:
    hash(EqOnly())
except TypeError as e:
    print(e)
class BadHash:
    def __hash__(self):
        return "x"
try:
    hash(BadHash())
except TypeError as e:
    print(e)
