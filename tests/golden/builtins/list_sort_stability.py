# list.sort: stability, key called once per item, reverse keeps stability, mixed numeric types.
records = [("b", 2), ("a", 2), ("c", 1), ("a", 1), ("b", 1)]
print(sorted(records, key=lambda r: r[1]))
print(sorted(records, key=lambda r: r[1], reverse=True))
print(sorted(sorted(records, key=lambda r: r[0]), key=lambda r: r[1]))
calls = []
def key(x):
    calls.append(x)
    return -x
data = [5, 2, 8, 1]
data.sort(key=key)
print(data, sorted(calls))
print(sorted([3, 1.5, 2, True, -0.5]))
import random
r = random.Random(12345)
big = [r.randrange(1000) for _ in range(2000)]
s = sorted(big)
print(all(s[i] <= s[i + 1] for i in range(len(s) - 1)), s[:5], s[-5:])
class K:
    def __init__(self, v): self.v = v
    def __lt__(self, o): return self.v < o.v
    def __repr__(self): return f"K{self.v}"
print(sorted([K(3), K(1), K(2)]))
print(sorted(["a10", "a2", "a1"], key=lambda s: int(s[1:])))
