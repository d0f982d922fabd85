# Threads read class attributes and methods through shared, specialized sites while another
# thread rewrites them and changes a class's bases: every read sees a value that was stored,
# never an older one after a newer one, and all see the final state after the join.
import threading

class Base:
    x = 0
    def m(self): return ("Base", Base.x)
class Mid(Base): pass
class Leaf(Mid): pass
class Other:
    def m(self): return ("Other", -1)
    x = -1

N = 3000
start = threading.Barrier(4)
problems = []

def reader(obj, idx):
    start.wait()
    last = -1
    for _ in range(N):
        v = obj.x              # the same LOAD_ATTR site in every reader thread
        if v != -1 and v < last:
            problems.append((idx, "went back", last, v))
        if v != -1:
            last = v
        who, _ = obj.m()
        if who not in ("Base", "Other"):
            problems.append((idx, "bad method", who))

def writer():
    start.wait()
    for i in range(1, N + 1):
        Base.x = i
        if i % 500 == 0:
            Mid.__bases__ = (Other,)
            Mid.__bases__ = (Base,)

threads = [threading.Thread(target=reader, args=(Leaf(), k)) for k in range(3)]
threads.append(threading.Thread(target=writer))
for t in threads:
    t.start()
for t in threads:
    t.join()
print(problems[:3], len(problems))
print(Leaf().x, Leaf().m(), [c.__name__ for c in Leaf.__mro__])
