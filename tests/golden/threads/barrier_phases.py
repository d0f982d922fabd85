# Barrier: threads proceed phase by phase; the action runs once per phase; broken barrier errors.
import threading
phases = []
barrier = threading.Barrier(3, action=lambda: phases.append("phase done"))
log = {i: [] for i in range(3)}
def worker(i):
    for phase in range(3):
        log[i].append(phase)
        barrier.wait()
ts = [threading.Thread(target=worker, args=(i,)) for i in range(3)]
for t in ts: t.start()
for t in ts: t.join()
print(phases, log, barrier.n_waiting, barrier.parties, barrier.broken)
b = threading.Barrier(2, timeout=0.05)
try:
    b.wait()
except threading.BrokenBarrierError:
    print("BrokenBarrierError", b.broken)
b.reset()
print(b.broken)
idx = []
b2 = threading.Barrier(4)
def w():
    idx.append(b2.wait())
ts = [threading.Thread(target=w) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print(sorted(idx))
