# for-loop targets: attributes, subscripts, starred, nested tuples; iteration of dict views.
class O: pass
o = O()
for o.x in range(3):
    pass
print(o.x)
d = {}
for d["k"] in "abc":
    pass
print(d)
lst = [None, None]
for lst[0], lst[1] in [(1, 2), (3, 4)]:
    pass
print(lst)
for a, *b in ["xyz", "pq"]:
    print(a, b)
m = {"one": 1, "two": 2, "three": 3}
for k in m:
    print(k, end=" ")
print()
for k, v in m.items():
    print(k, v, end="; ")
print()
for v in m.values():
    print(v, end=" ")
print()
for i, (a, (b, c)) in enumerate([(1, (2, 3))]):
    print(i, a, b, c)
