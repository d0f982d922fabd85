# sum(): start argument, float compensated summation, type errors.
print(sum([1, 2, 3]), sum([1, 2], 10), sum(range(101)), sum([], 5), sum([0.1] * 10))
print(sum([1e100, 1.0, -1e100, 1.0]), sum([0.1, 0.2, 0.3]), sum([1, 2.5]))
print(sum([[1], [2]], []), sum([(1,), (2,)], ()), sum([1j, 2]))
print(sum([True, True, True]), sum(x * x for x in range(4)), sum([10 ** 20, 1]))
try:
    sum(["a", "b"], "")
except TypeError as e:
    print(e)
try:
    sum([1, "a"])
except TypeError as e:
    print(e)
try:
    sum([b"a"], b"")
except TypeError as e:
    print(e)
print(sum([1, 2], start=3))
from fractions import Fraction
print(sum([Fraction(1, 3)] * 3))
