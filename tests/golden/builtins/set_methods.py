# set methods: add/discard/remove/pop/update/intersection_update/difference/symmetric/issubset.
s = {3, 1, 2}
s.add(4); s.add(1); s.discard(10); s.remove(3)
print(sorted(s), len(s))
try:
    s.remove(99)
except KeyError as e:
    print("KeyError", e)
s.update([5, 6], (7,))
print(sorted(s))
s.intersection_update({1, 2, 5, 6, 100})
print(sorted(s))
s.difference_update({1})
s.symmetric_difference_update({2, 9})
print(sorted(s))
print({1, 2}.issubset([1, 2, 3]), {1, 2}.issuperset((1,)), {1}.isdisjoint({2}), {1, 2}.union([3], {4}) == {1, 2, 3, 4})
print(sorted({1, 2, 3}.intersection([2, 3], (3,))), sorted({1, 2, 3}.difference([1], [2])), sorted({1, 2}.symmetric_difference([2, 3])))
p = {42}
print(p.pop(), p)
try:
    p.pop()
except KeyError as e:
    print(e)
c = {1, 2}
d = c.copy()
d.add(3)
c.clear()
print(c, sorted(d), set("aab") == {"a", "b"}, set(), len(set(range(100))))
try:
    {1} | [2]
except TypeError as e:
    print(e)
try:
    s.add([])
except TypeError as e:
    print(e)
