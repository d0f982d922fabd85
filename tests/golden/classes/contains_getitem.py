# __contains__ and the __getitem__ sequence protocol (old-style iteration, membership fallback).
class Evens:
    def __contains__(self, x):
        print("contains", x)
        return x % 2 == 0
print(4 in Evens(), 3 in Evens(), 3 not in Evens())
class Squares:
    def __getitem__(self, i):
        print("getitem", i)
        if i >= 4:
            raise IndexError(i)
        return i * i
print(9 in Squares())
print(list(Squares()))
class Truthy:
    def __contains__(self, x): return "non-empty"
print(1 in Truthy())
class KeyErr:
    def __getitem__(self, i):
        raise KeyError(i)
try:
    list(KeyErr())
except KeyError as e:
    print("KeyError", e)
class Mapping:
    def __init__(self): self.d = {"a": 1}
    def __getitem__(self, k): return self.d[k]
    def __setitem__(self, k, v): print("setitem", k, v); self.d[k] = v
    def __delitem__(self, k): print("delitem", k); del self.d[k]
    def __len__(self): return len(self.d)
m = Mapping()
m["b"] = 2
print(m["a"], len(m))
del m["a"]
try:
    m["a"]
except KeyError as e:
    print("KeyError", e)
class NotContainer: pass
try:
    1 in NotContainer()
except TypeError as e:
    print(e)
class Slices:
    def __getitem__(self, k):
        return (type(k).__name__, k.start, k.stop, k.step) if isinstance(k, slice) else k
print(Slices()[1:2], Slices()[::-1], Slices()[5])
