# threading.Lock: non-blocking and timed acquires, release from another thread, errors,
# and exact counts under contention (the lock is gc's ParkingLock: spin, park, hand-off).
import threading
import time

lock = threading.Lock()
print("acquire", lock.acquire(), lock.locked())
print("non-blocking while held", lock.acquire(False))
t0 = time.monotonic()
print("timed out", lock.acquire(timeout=0.05), time.monotonic() - t0 >= 0.04)
print("timeout 0", lock.acquire(True, 0))

# Released by another thread while this one waits (no timeout, then a long timeout).
for timeout in (-1, 10):
    def release_later():
        time.sleep(0.02)
        lock.release()
    r = threading.Thread(target=release_later)
    r.start()
    print("woken by other thread's release", lock.acquire(timeout=timeout))
    r.join()
lock.release()
print("unlocked", lock.locked())

for bad in (lambda: lock.release(), lambda: lock.acquire(timeout=-2),
            lambda: lock.acquire(False, 1)):
    try:
        bad()
    except (RuntimeError, ValueError) as e:
        print(type(e).__name__, e)

# Contention: every increment under the lock, some threads with timed acquires that retry.
counter = [0]
def worker(timed):
    for _ in range(3000):
        if timed:
            while not lock.acquire(timeout=0.001):
                pass
        else:
            lock.acquire()
        counter[0] += 1
        lock.release()
threads = [threading.Thread(target=worker, args=(k % 2 == 0,)) for k in range(6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("counter", counter[0], "locked", lock.locked())

with lock:
    print("with: locked", lock.locked())
print("after with", lock.locked())
