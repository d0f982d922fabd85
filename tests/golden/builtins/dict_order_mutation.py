# dict iteration order: insertion order survives deletes, re-inserts move keys to the end, update order.
d = {}
for k in "dbca":
    d[k] = ord(k)
print(list(d))
del d["b"]
d["b"] = 0
print(list(d))
d["d"] = 1
print(list(d), d)
d.update([("z", 1), ("a", 2)])
print(list(d))
for k in list(d):
    if k in "ac":
        del d[k]
print(d)
big = {i: i for i in range(1000)}
for i in range(0, 1000, 2):
    del big[i]
big[0] = "back"
print(list(big)[:5], list(big)[-3:], len(big))
print(list({**{"x": 1, "y": 2}, "x": 3}), list(dict.fromkeys("hello")))
print(d.popitem(), list(d))
