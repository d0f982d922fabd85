# len(): builtin types, __len__ rules and errors.
print(len("abc"), len(b"ab"), len([1]), len(()), len({1: 2}), len({1, 2}), len(range(5)), len(frozenset()), len(bytearray(4)), len(memoryview(b"xyz")))
class L:
    def __init__(self, n): self.n = n
    def __len__(self): return self.n
print(len(L(3)), len(L(True)), bool(L(0)), bool(L(2)))
for n in [-1, 1.5, "3", 2 ** 100]:
    try:
        print(len(L(n)))
    except (ValueError, TypeError, OverflowError) as e:
        print(type(e).__name__, e)
for obj in [5, None, iter([]), object()]:
    try:
        len(obj)
    except TypeError as e:
        print(e)
class I:
    def __index__(self): return 4
class LI:
    def __len__(self): return I()
print(len(LI()))
