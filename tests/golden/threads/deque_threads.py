# collections.deque append/popleft from many threads: every item consumed exactly once.
import threading
from collections import deque
dq = deque()
def fill(base):
    for i in range(5000):
        dq.append(base + i)
fillers = [threading.Thread(target=fill, args=(k * 5000,)) for k in range(4)]
for t in fillers: t.start()
for t in fillers: t.join()
taken = [[] for _ in range(4)]
def drain(idx):
    while True:
        try:
            taken[idx].append(dq.popleft())
        except IndexError:
            return
drainers = [threading.Thread(target=drain, args=(i,)) for i in range(4)]
for t in drainers: t.start()
for t in drainers: t.join()
allv = sorted(v for part in taken for v in part)
print(len(allv), allv == list(range(20000)), len(dq))
