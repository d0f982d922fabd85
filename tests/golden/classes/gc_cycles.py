# Reference cycles are reclaimed by gc.collect(); __del__ of every member runs once (order not printed).
import gc
collected = []
class Node:
    def __init__(self, name):
        self.name, self.other = name, None
    def __del__(self):
        collected.append(self.name)
a, b = Node("a"), Node("b")
a.other, b.other = b, a
del a, b
gc.collect()
print("after collect:", sorted(collected))
self_ref = Node("self")
self_ref.other = self_ref
del self_ref
gc.collect()
print(sorted(collected))
import weakref
class Plain:
    pass
p = Plain()
p.me = p
r = weakref.ref(p)
del p
gc.collect()
print("alive after collect:", r() is not None)
print(gc.isenabled())
