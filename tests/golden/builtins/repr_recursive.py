# repr of containers, including self-referencing ones, and nested reprs.
l = [1, 2]
l.append(l)
print(l, repr(l))
d = {"a": 1}
d["self"] = d
print(d)
t = ([],)
t[0].append(t)
print(t)
a, b = [], []
a.append(b)
b.append(a)
print(a)
s = {"x": [d]}
print(s)
print([[1, [2, [3, []]]], (1,), {}, set(), [set()], {1: {2: {}}}])
print(repr("x"), repr([None, True, "s", 1.0, b"b", 2j, ...]))
class Node:
    def __init__(self):
        self.children = []
    def __repr__(self):
        return f"Node({self.children!r})"
n = Node()
n.children.append(Node())
print(n)
from collections import OrderedDict, deque
od = OrderedDict(a=1)
od["me"] = od
print(od)
dq = deque([1])
dq.append(dq)
print(dq)
