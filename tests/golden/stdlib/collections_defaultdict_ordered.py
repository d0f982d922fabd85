# defaultdict factories and OrderedDict move_to_end/popitem/equality semantics.
from collections import defaultdict, OrderedDict
dd = defaultdict(list)
for k, v in [("a", 1), ("b", 2), ("a", 3)]:
    dd[k].append(v)
print(dd, dict(dd), dd.default_factory)
counts = defaultdict(int)
for ch in "mississippi":
    counts[ch] += 1
print(sorted(counts.items()))
nested = defaultdict(lambda: defaultdict(int))
nested["x"]["y"] += 1
print({k: dict(v) for k, v in nested.items()})
plain = defaultdict()
try:
    plain["missing"]
except KeyError as e:
    print("KeyError", e)
print("get" , dd.get("zz"), "zz" in dd)
od = OrderedDict.fromkeys("abcde")
od.move_to_end("b")
od.move_to_end("e", last=False)
print(list(od))
print(od.popitem(), od.popitem(last=False), list(od))
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), OrderedDict(a=1, b=2) == dict(b=2, a=1))
print(repr(OrderedDict(x=1)), repr(defaultdict(int, {"k": 1})))
