# Iterating ranges whose bounds leave 64 bits: lazily, as CPython's longrange_iterator.
big = 1 << 100
r = range(big, big + 3)
it = iter(r)
print(type(it).__name__, it.__length_hint__())
print(next(it), it.__length_hint__())
print(list(it))
print(list(reversed(r)))
huge = iter(range(1 << 1000))  # must not materialize
print(next(huge), next(huge), huge.__length_hint__() == (1 << 1000) - 2)
neg = range(big, -big, -(big // 2))
print(list(neg))
print(sum(1 for _ in range(big, big + 10)))
