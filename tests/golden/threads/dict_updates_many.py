# dict updates from many threads: disjoint keys all present; shared-key counters protected by a lock.
import threading
d = {}
def fill(tid):
    for i in range(5000):
        d[(tid, i)] = i
threads = [threading.Thread(target=fill, args=(t,)) for t in range(6)]
for t in threads: t.start()
for t in threads: t.join()
print(len(d), sum(d.values()) == 6 * sum(range(5000)))
counts = {"hits": 0}
lock = threading.Lock()
def bump():
    for _ in range(20000):
        with lock:
            counts["hits"] += 1
threads = [threading.Thread(target=bump) for _ in range(4)]
for t in threads: t.start()
for t in threads: t.join()
print(counts)
s = set()
def add_set(base):
    for i in range(3000):
        s.add(base + i)
threads = [threading.Thread(target=add_set, args=(b * 3000,)) for b in range(5)]
for t in threads: t.start()
for t in threads: t.join()
print(len(s))
