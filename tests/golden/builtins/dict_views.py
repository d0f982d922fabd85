# dict views: dynamic, set operations on keys/items, reprs, mapping attribute.
d = {"a": 1, "b": 2, "c": 3}
k, v, it = d.keys(), d.values(), d.items()
print(k, v, it)
d["d"] = 4
print(list(k), list(v), len(it))
print(k & {"a", "z"} == {"a"}, sorted(k | {"z"}), sorted(k - {"a"}), sorted(k ^ {"a", "q"}))
print(("a", 1) in it, ("a", 2) in it, 4 in v, k == {"a", "b", "c", "d"}, k.isdisjoint({"x"}))
print(sorted(it & {("a", 1), ("b", 0)}))
print(k.mapping, type(k).__name__, type(v).__name__, type(it).__name__)
try:
    for key in d:
        d["new"] = 1
except RuntimeError as e:
    print(e)
try:
    for key in d:
        del d["a"]
except RuntimeError as e:
    print(e)
print(d)
print(v == v, list(reversed(v)), {}.keys())
