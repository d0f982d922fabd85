# A bounded buffer built on Condition: producers block when full, consumers when empty; totals checked.
import threading
from collections import deque
buf = deque()
cap = 3
cond = threading.Condition()
consumed = []
def produce(items):
    for it in items:
        with cond:
            cond.wait_for(lambda: len(buf) < cap)
            buf.append(it)
            cond.notify_all()
def consume(n):
    for _ in range(n):
        with cond:
            cond.wait_for(lambda: buf)
            consumed.append(buf.popleft())
            cond.notify_all()
ps = [threading.Thread(target=produce, args=(range(k * 100, k * 100 + 100),)) for k in range(3)]
cs = [threading.Thread(target=consume, args=(150,)) for _ in range(2)]
for t in ps + cs: t.start()
for t in ps + cs: t.join()
print(len(consumed), sorted(consumed) == list(range(300)), len(buf))
