# list.append from many threads: no lost items, every element present exactly once.
import threading
shared = []
def add(base):
    for i in range(10000):
        shared.append(base + i)
threads = [threading.Thread(target=add, args=(k * 10000,)) for k in range(8)]
for t in threads: t.start()
for t in threads: t.join()
print(len(shared), sorted(shared) == list(range(80000)))
