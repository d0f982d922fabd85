# dict methods: get/setdefault/pop/popitem/update/fromkeys/copy/clear, insertion order.
d = {"b": 1, "a": 2}
d["c"] = 3
print(d, list(d), d.get("a"), d.get("z"), d.get("z", 0))
print(d.setdefault("a", 100), d.setdefault("n", []), d)
print(d.pop("n"), d.pop("zz", "default"), d)
d["b"] = 10
print(d)
del d["b"]
d["b"] = 20
print(d, d.popitem(), d)
d.update({"x": 1}, y=2)
d.update([("z", 3)])
print(d)
print(dict.fromkeys("abc"), dict.fromkeys([1, 2], 0))
shared = dict.fromkeys("ab", [])
shared["a"].append(1)
print(shared)
c = d.copy()
c["new"] = 1
print("new" in d, len(c))
c.clear()
print(c)
print(dict(a=1), dict([("k", "v")]), dict({"m": 1}, n=2), dict(zip("xy", (1, 2))))
print({1: "a"} == {1: "a"}, {1: "a", 2: "b"} == {2: "b", 1: "a"})
print(list(reversed(d)), len(d), "x" in d, "q" not in d)
