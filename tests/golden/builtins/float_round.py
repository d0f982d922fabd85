# round() on floats: banker's rounding, ndigits, negative ndigits, special values.
for x in [0.5, 1.5, 2.5, -0.5, -1.5, 2.675, 1.005, 0.125, 0.375]:
    print(x, round(x), round(x, 2), round(x, 1))
print(round(1234.5678, -2), round(1234.5678, -5), round(-0.4), round(0.0, 3), round(1e300, 2))
print(type(round(2.5)).__name__, type(round(2.5, 0)).__name__, round(2.5, None))
for bad in [float("inf"), float("nan")]:
    try:
        round(bad)
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
print(round(float("inf"), 2), round(float("nan"), 1))
try:
    round(1.5, 1.5)
except TypeError as e:
    print(e)
try:
    round("x")
except TypeError as e:
    print(e)
class R:
    def __round__(self, n=None):
        return ("rounded", n)
print(round(R()), round(R(), 3))
