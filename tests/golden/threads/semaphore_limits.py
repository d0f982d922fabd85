# Semaphore bounds concurrency; BoundedSemaphore rejects over-release.
import threading
sem = threading.Semaphore(3)
lock = threading.Lock()
active = peak = 0
barrier = threading.Barrier(6)
def job():
    global active, peak
    barrier.wait()
    with sem:
        with lock:
            active += 1
            peak = max(peak, active)
        for _ in range(20000):
            pass
        with lock:
            active -= 1
ts = [threading.Thread(target=job) for _ in range(6)]
for t in ts: t.start()
for t in ts: t.join()
print("peak <= 3:", peak <= 3, "final active:", active)
b = threading.BoundedSemaphore(1)
b.acquire(); b.release()
try:
    b.release()
except ValueError as e:
    print(e)
s = threading.Semaphore(0)
print(s.acquire(blocking=False), s.acquire(timeout=0.01))
s.release(2)
print(s.acquire(blocking=False), s.acquire(blocking=False), s.acquire(blocking=False))
try:
    threading.Semaphore(-1)
except ValueError as e:
    print(e)
