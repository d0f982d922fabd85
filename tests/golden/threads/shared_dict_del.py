# A dict read and written by other threads still frees its values at 'del' (no deferred
# counting of shared containers), and per-thread counts of shared functions/classes add up.
import gc
import threading


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


def bump(table, keys, n):
    for i in range(n):
        k = keys[i % len(keys)]
        table[k] = table[k] + 1


table = {"a": 0, "b": 0, "c": 0, "d": 0, "held": Noisy("value")}
ts = [threading.Thread(target=bump, args=(table, ["a", "b"] if k else ["c", "d"], 5000)) for k in range(2)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted((k, v) for k, v in table.items() if k != "held"))
del table
print("after del")


class Point:
    def __init__(self, x):
        self.x = x


def make(n):
    return sum(Point(i).x for i in range(n))


results = []
ws = [threading.Thread(target=lambda: results.append(make(2000))) for _ in range(3)]
for w in ws:
    w.start()
for w in ws:
    w.join()
print(results)
del Point
print("collected", gc.collect() >= 0)
