# frozenset: hashable, usable as dict keys and set members, immutable, repr.
f = frozenset("abca")
print(sorted(f), len(f), "a" in f, frozenset(), repr(frozenset([3])))
d = {frozenset({1, 2}): "pair"}
print(d[frozenset({2, 1})])
try:
    f.add("z")
except AttributeError as e:
    print(e)
print(frozenset({1, 2}) == frozenset({2, 1}), hash(frozenset()) == hash(frozenset([])))
print(frozenset(f) is f, len(frozenset({frozenset({1}), frozenset({1})})))
class FS(frozenset): pass
print(type(FS([1]) | {2}).__name__, FS([1]) == {1}, repr(FS([5])))
print(sorted(f.union("xy")), sorted(f.intersection("ab")), f.isdisjoint("xyz"), f.copy() is f)
