# copy.copy / copy.deepcopy: default behaviour, __copy__/__deepcopy__, shared references, cycles.
import copy
class Box:
    def __init__(self, items): self.items = items
b = Box([1, [2]])
s = copy.copy(b)
d = copy.deepcopy(b)
b.items[1].append(3)
print(s.items, d.items, s.items is b.items, d.items is b.items)
class Custom:
    def __init__(self, v): self.v = v
    def __copy__(self):
        print("__copy__")
        return Custom(self.v + "-copy")
    def __deepcopy__(self, memo):
        print("__deepcopy__")
        return Custom(self.v + "-deep")
print(copy.copy(Custom("c")).v, copy.deepcopy([Custom("d")])[0].v)
shared = [1]
pair = [shared, shared]
dp = copy.deepcopy(pair)
print(dp[0] is dp[1], dp[0] is shared)
cyc = [1]
cyc.append(cyc)
dc = copy.deepcopy(cyc)
print(dc[1] is dc, dc is not cyc)
t = (1, 2)
print(copy.copy(t) is t, copy.deepcopy(t) is t, copy.deepcopy((1, [2])) == (1, [2]))
print(copy.copy(5), copy.copy("s"), copy.copy({1: [2]}), copy.deepcopy({"a": {"b": 1}}))
class Slots:
    __slots__ = ("a", "b")
sl = Slots()
sl.a = [1]
sc = copy.copy(sl)
print(sc.a is sl.a, hasattr(sc, "b"))
print(copy.replace(__import__("types").SimpleNamespace(x=1, y=2), y=5) if hasattr(copy, "replace") else "no replace")
