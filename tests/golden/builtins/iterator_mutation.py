# Iterating while mutating: list iterators see appends, dict/set iterators raise RuntimeError.
lst = [1, 2, 3]
out = []
for x in lst:
    out.append(x)
    if x < 3 and len(lst) < 6:
        lst.append(x * 10)
print(out, lst)
lst = [1, 2, 3, 4]
for x in lst:
    lst.remove(x)
print(lst)
d = {1: 1}
try:
    for k in d:
        d[k + 1] = 1
except RuntimeError as e:
    print(e)
s = {1, 2}
try:
    for x in s:
        s.add(x + 10)
except RuntimeError as e:
    print(e)
d2 = {"a": 1, "b": 2}
for k in d2:
    d2[k] = 0
print(d2)
it = iter([1, 2])
lst2 = list(it)
print(lst2, list(it))
dk = {"x": 1}
ki = iter(dk)
dk["y"] = 2
try:
    next(ki)
except RuntimeError as e:
    print(e)
