# list error messages.
l = [1, 2, 3]
for call in [lambda: l[3], lambda: l[-4], lambda: l.pop(5), lambda: [].pop(), lambda: l.remove(9), lambda: l.index(9),
             lambda: l["a"], lambda: l.__setitem__(5, 0), lambda: l + (1,), lambda: l * 1.5, lambda: l.index(1, 5),
             lambda: list(5), lambda: l.insert("a", 1), lambda: l.sort(key=1), lambda: l.__delitem__(10)]:
    try:
        call()
    except Exception as e:
        print(type(e).__name__, e)
m = [1]
def mutate():
    for x in m:
        m.append(x) if len(m) < 3 else None
mutate()
print(m)
try:
    n = [3, 1, 2]
    n.sort(key=lambda v: n.append(v) or v)
except ValueError as e:
    print(e)
