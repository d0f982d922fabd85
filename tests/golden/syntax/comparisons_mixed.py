# Comparisons across numeric types and containers, including big ints vs floats.
print(1 == 1.0, 1 == 1 + 0j, 0.1 + 0.2 == 0.3, 2 ** 53 + 1 == float(2 ** 53 + 1))
print(2 ** 53 + 1 > float(2 ** 53), 10 ** 400 > 1e308, -10 ** 400 < -1e308)
print(float("inf") > 10 ** 400, float("nan") < 1, float("nan") >= 1)
print([1, 2] == [1, 2], [1, 2] == (1, 2), {1: 2} == {1: 2.0}, {1, 2} == frozenset({2, 1}))
print([1, [2, 3]] < [1, [2, 4]], "abc" == "abc", b"abc" == "abc")
print({1, 2} < {1, 2, 3}, {1, 2} <= {1, 2}, {1} > set(), {1, 3} < {1, 2})
print((1, "a") < (1, "b"), () < (0,), [[]] > [])
try:
    (1, 2) < (1, "x")
except TypeError as e:
    print(e)
try:
    {1: 2} < {1: 2}
except TypeError as e:
    print(e)
try:
    None < 1
except TypeError as e:
    print(e)
try:
    1j < 2j
except TypeError as e:
    print(e)
print(max(1, 2.5, True), min([3, 1.5, 2]))
