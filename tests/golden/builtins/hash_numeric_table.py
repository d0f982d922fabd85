# Numeric hashes are defined by the language: ints, floats, fractions, decimals and complex agree.
from fractions import Fraction
from decimal import Decimal
vals = [0, 1, -1, 2, -2, 12345, 2 ** 32, 2 ** 61 - 2, 2 ** 61 - 1, 2 ** 61, 2 ** 62, -(2 ** 61), 10 ** 30, -(10 ** 30)]
print([hash(v) for v in vals])
fl = [0.5, -0.5, 0.1, 1.25, 1e10, 1e100, -1e-100, 3.141592653589793, 2.0 ** 70, float("inf"), float("-inf")]
print([hash(v) for v in fl])
print([hash(Fraction(n, d)) for n, d in [(1, 3), (-1, 3), (2, 7), (10 ** 20, 3)]])
print(all(hash(Fraction(v)) == hash(v) for v in fl[:-2]), all(hash(Decimal(v)) == hash(v) for v in fl[:-2]))
print([hash(complex(a, b)) for a, b in [(1, 1), (0, 1), (1.5, -2), (0, 0)]])
print([hash(t) for t in [(), (0,), (1, 2), (1, (2, 3)), (-1, -2, -3), (0.5, None) if False else (0.5, 1)]])
