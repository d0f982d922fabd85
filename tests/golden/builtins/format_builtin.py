# format() builtin and __format__ on builtin types, errors for bad specs.
print(format(42), format(42, "x"), format(3.5, "08.3f"), format("s", "^5"), format(True))
print(format(1234567, ","), format(0.5, "%"), format(1e-10, "e"), format(12, "c"))
print(format(None), format([1], ""), format(1 + 2j, "^20"))
for v, spec in [(1, "s"), ("s", "d"), (1.5, "d"), (object(), "x"), (1, "abc"), ("s", "=5")]:
    try:
        format(v, spec)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
class F:
    def __format__(self, spec):
        return f"F[{spec}]"
print(format(F(), "xyz"), f"{F():abc}", "{:q}".format(F()))
class Bad:
    def __format__(self, spec):
        return 1
try:
    format(Bad())
except TypeError as e:
    print(e)
