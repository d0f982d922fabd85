# ChainMap lookups/writes and collections.abc mixin methods on a custom Mapping/MutableSequence.
from collections import ChainMap
from collections.abc import Mapping, MutableSequence
defaults = {"color": "red", "user": "guest"}
overrides = {"user": "admin"}
cm = ChainMap(overrides, defaults)
print(cm["user"], cm["color"], len(cm), sorted(cm), cm.maps)
cm["new"] = 1
print(overrides, defaults)
child = cm.new_child({"color": "blue"})
print(child["color"], child.parents["color"], dict(child))
class Frozen(Mapping):
    def __init__(self, **kw): self._d = dict(kw)
    def __getitem__(self, k): return self._d[k]
    def __iter__(self): return iter(self._d)
    def __len__(self): return len(self._d)
f = Frozen(a=1, b=2)
print(f.get("a"), f.get("z", 0), "b" in f, list(f.keys()), list(f.items()), f == {"a": 1, "b": 2})
class MyList(MutableSequence):
    def __init__(self): self._l = []
    def __getitem__(self, i): return self._l[i]
    def __setitem__(self, i, v): self._l[i] = v
    def __delitem__(self, i): del self._l[i]
    def __len__(self): return len(self._l)
    def insert(self, i, v): self._l.insert(i, v)
m = MyList()
m.append(1); m.extend([2, 3]); m += [4]; m.reverse()
print(list(m), m.pop(), m.index(3), m.count(2), list(reversed(m)))
try:
    class Incomplete(Mapping): pass
    Incomplete()
except TypeError as e:
    print(e)
