# 4 threads x 100000 lock-protected increments must total exactly 400000.
import threading
counter = 0
lock = threading.Lock()
def inc(n):
    global counter
    for _ in range(n):
        with lock:
            counter += 1
threads = [threading.Thread(target=inc, args=(100000,)) for _ in range(4)]
for t in threads: t.start()
for t in threads: t.join()
print(counter)
print(lock.locked(), lock.acquire(), lock.locked(), lock.acquire(blocking=False))
lock.release()
try:
    lock.release()
except RuntimeError as e:
    print(e)
print(lock.acquire(timeout=0.01))
lock.release()
