# list.pop from several threads never returns an item twice; dict.setdefault races keep one winner.
import threading
items = list(range(40000))
got = [[] for _ in range(4)]
def taker(i):
    while True:
        try:
            got[i].append(items.pop())
        except IndexError:
            return
ts = [threading.Thread(target=taker, args=(i,)) for i in range(4)]
for t in ts: t.start()
for t in ts: t.join()
flat = sorted(v for g in got for v in g)
print(len(flat), flat == list(range(40000)))
d = {}
winners = []
lock = threading.Lock()
barrier = threading.Barrier(8)
def setdef(i):
    barrier.wait()
    v = d.setdefault("key", i)
    with lock:
        winners.append(v)
ts = [threading.Thread(target=setdef, args=(i,)) for i in range(8)]
for t in ts: t.start()
for t in ts: t.join()
print(len(set(winners)), winners[0] == d["key"])
