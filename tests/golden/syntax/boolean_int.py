# bool is a subclass of int: arithmetic, repr, hashing equality, indexing.
print(True + 1, True * 3.0, -True, True << 3, True / 2)
print(isinstance(True, int), bool.__mro__, bool.__bases__)
print(repr(True), str(False), int(True), float(False))
print(["a", "b"][True], {1: "one"}[True], hash(True) == hash(1))
print(True == 1, sum([True, True, False]))
print(True & False, True | False, True ^ True, type(True & True).__name__, type(True + 0).__name__)
print(bool(0), bool(-1), bool(0.0), bool(""), bool("0"), bool([]), bool(None))
try:
    class B(bool): pass
except TypeError as e:
    print(e)
print(f"{True:d} {True:>5} {False!r}")
