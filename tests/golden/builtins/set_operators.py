# set operators: | & - ^ comparisons, in-place forms, frozenset mixing result types.
a, b = {1, 2, 3}, {3, 4}
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b))
print(a < {1, 2, 3, 4}, a <= a, a > {1}, a >= {1, 5}, a == {3, 2, 1}, a != b)
c = a.copy()
c |= {9}; c &= {1, 9, 3}; c -= {1}; c ^= {3, 7}
print(sorted(c))
f = frozenset({1, 2})
print(type(f | {3}).__name__, type({3} | f).__name__, type(f & f).__name__, type({1} - f).__name__)
print(f == {1, 2}, {frozenset({1})}, {1, 2} in [f])
fs = frozenset([1, 2])
fs2 = fs
fs |= {3}
print(sorted(fs), sorted(fs2), fs is fs2)
print(sorted({x % 4 for x in range(10)} - {0}), set() == frozenset(), bool(set()))
print(sorted({(1, 2), (1, 2), (2, 1)}), sorted({1.0, 1, 2}))
