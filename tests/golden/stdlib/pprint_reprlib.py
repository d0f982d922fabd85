# pprint formatting of nested structures (sorted dicts, width) and reprlib truncation.
import pprint, reprlib
data = {"zeta": list(range(30)), "alpha": {"nested": [{"k": i, "v": "x" * i} for i in range(4)]}, "mid": ("t", 1)}
pprint.pprint(data)
pprint.pprint(data, width=120, sort_dicts=False)
print(pprint.pformat([1, [2, [3, [4, [5]]]]], depth=2), pprint.pformat("a" * 100, width=40))
pprint.pprint({"short": 1}, compact=True)
pprint.pp([{"b": 1, "a": 2}])
r = reprlib.Repr(maxlist=3, maxstring=10)
print(r.repr(list(range(10))), r.repr("abcdefghijklmnop"), reprlib.repr(set(range(20))), reprlib.repr({i: i for i in range(10)}))
class R:
    @reprlib.recursive_repr()
    def __repr__(self):
        return f"R({self.child!r})"
x = R()
x.child = x
print(repr(x))
