# float arithmetic: divmod, floor division, %, ** with edge cases and error messages.
print(divmod(7.5, 2), divmod(-7.5, 2), divmod(7.5, -2), 7.5 % -2, -0.0 % 5, 5.0 // 0.3)
print(2.0 ** 0.5, (-8.0) ** 2, 4 ** 0.5, 0.0 ** 0, (-2.0) ** 3, 2.0 ** -1)
print((-8) ** (1 / 3))
print(1e308 + 1e308, -1e308 - 1e308, float("inf") - float("inf"), float("inf") * 0)
for a, b in [(1.0, 0.0), (1.0, 0), (0.0, 0.0)]:
    for op in ["/", "//", "%"]:
        try:
            eval(f"a {op} b")
        except ZeroDivisionError as e:
            print(op, e)
try:
    divmod(1.0, 0.0)
except ZeroDivisionError as e:
    print(e)
try:
    0.0 ** -1
except ZeroDivisionError as e:
    print(e)
try:
    10.0 ** 400
except OverflowError as e:
    print(e)
print(1 / 3 * 3, 0.1 + 0.7, 3 * 1.1, 1.1 * 1.1, 100 * 1.1)
print(float(2 ** 63), float(-(2 ** 63) + 1), 2 ** 0.5 * 2 ** 0.5)
import math
print(math.fmod(-7.5, 2), math.copysign(0.0, -1), -0.0 == 0.0, math.isclose(0.1 + 0.2, 0.3))
