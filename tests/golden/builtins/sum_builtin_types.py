# bool(), numeric conversions between types and __bool__/__len__ fallbacks.
class B:
    def __init__(self, v): self.v = v
    def __bool__(self): return self.v
class L:
    def __len__(self): return 0
class Both:
    def __bool__(self): return True
    def __len__(self): return 0
print(bool(B(True)), bool(B(False)), bool(L()), bool(Both()), bool(object()))
try:
    bool(B(1))
except TypeError as e:
    print(e)
print(int(True), float(True), complex(True), int(False), bool(0j), bool(0.0), bool(-0.0), bool(float("nan")))
print(bool(), bool([[]]), bool(" "), bool(b""), bool(range(0)))
