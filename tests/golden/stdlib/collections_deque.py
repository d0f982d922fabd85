# collections.deque: appendleft/popleft, maxlen eviction, rotate, extendleft order, indexing.
from collections import deque
d = deque([1, 2, 3])
d.appendleft(0); d.append(4)
print(d, d.popleft(), d.pop(), d)
d.rotate(1); print(d)
d.rotate(-2); print(d)
d.extendleft("ab"); print(d)
bounded = deque(range(5), maxlen=3)
print(bounded, bounded.maxlen)
bounded.append(9); bounded.appendleft(-1)
print(bounded)
print(d[0], d[-1], len(d), d.count("a"), d.index(1), 3 in d)
d.remove("a"); d.reverse(); print(d)
d.insert(1, "ins"); print(d)
d.clear(); print(d)
try:
    deque().popleft()
except IndexError as e:
    print(e)
print(deque("abc") + deque("d"), deque([1]) * 3, repr(deque(maxlen=2)))
