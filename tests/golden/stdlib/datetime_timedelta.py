# timedelta: mixed int/float units with half-even rounding, normalization, arithmetic with
# ints and floats, divmod, comparisons, hashing, repr/str and the range limits.
from datetime import timedelta

print(timedelta(days=1.5, hours=-0.25, minutes=1e-7, microseconds=0.5))
print(repr(timedelta(microseconds=1.5)), repr(timedelta(microseconds=2.5)), repr(timedelta(microseconds=-0.5)))
print(repr(timedelta(seconds=-1)), repr(timedelta(weeks=1, days=-7, milliseconds=1)))
print(timedelta(hours=25, minutes=61, seconds=3661), timedelta(days=-3, seconds=-1))
a = timedelta(days=2, seconds=7, microseconds=13)
b = timedelta(hours=5, microseconds=-1)
print(a + b, a - b, b - a, -a, +a, abs(-a))
print(a * 3, 3 * a, a * 0.25, 0.5 * a, a / 3, a / 0.75, a // 7, a / b, a // b, a % b)
print(divmod(a, b), divmod(-a, b), timedelta(seconds=1) / 3)
print(a.total_seconds(), timedelta(days=-1000, microseconds=1).total_seconds())
print(a == timedelta(0, 2 * 86400 + 7, 13), a != b, a > b, b <= a, a == 5, bool(timedelta(0)), bool(b))
print(hash(a) == hash(timedelta(seconds=2 * 86400 + 7, microseconds=13)), len({a, b, timedelta(days=2, seconds=7, microseconds=13)}))
print(timedelta.min, timedelta.max, timedelta.resolution, repr(timedelta.max))
print(a.days, a.seconds, a.microseconds, timedelta(-1).days, timedelta(-1).seconds)
print(a.__reduce__(), timedelta(1.25e-6 * 3), timedelta(minutes=0.1))

def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)

show(lambda: timedelta(days=1000000000))
show(lambda: timedelta.max + timedelta(microseconds=1))
show(lambda: timedelta(days="1"))
show(lambda: timedelta(1, 2, 3, 4, 5, 6, 7, 8))
show(lambda: timedelta(fortnights=1))
show(lambda: a / 0)
show(lambda: a // timedelta(0))
show(lambda: a * "x")
show(lambda: a + 1)
show(lambda: a < 1)
show(lambda: divmod(a, 2))
show(lambda: timedelta(seconds=float("nan")))
show(lambda: a * float("inf"))

class Weeks(timedelta):
    pass
w = Weeks(weeks=2)
print(repr(w), type(w + w).__name__, type(w * 2).__name__, type(-w).__name__, w == timedelta(14))
