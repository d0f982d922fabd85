# Lock and RLock acquire with timeouts; Condition.wait and Event.wait time out; Semaphore limits.
import threading
import time

lock = threading.Lock()
lock.acquire()
t0 = time.monotonic()
print("timed acquire:", lock.acquire(timeout=0.05), time.monotonic() - t0 >= 0.04)
print("non-blocking:", lock.acquire(False))
for bad in [dict(blocking=False, timeout=1), dict(timeout=-2)]:
    try:
        lock.acquire(**bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    lock.acquire(timeout=threading.TIMEOUT_MAX * 2)
except OverflowError as e:
    print("OverflowError:", e)
lock.release()
try:
    lock.release()
except RuntimeError as e:
    print("RuntimeError:", e)
r = threading.RLock()
with r:
    with r:
        print("rlock nested ok", r._is_owned())
got = []
def other():
    got.append(r.acquire(timeout=0.05))
r.acquire()
t = threading.Thread(target=other)
t.start(); t.join()
r.release()
print("other thread got rlock:", got)
cond = threading.Condition()
with cond:
    print("cond wait:", cond.wait(0.01))
    print("wait_for:", cond.wait_for(lambda: False, timeout=0.01))
ev = threading.Event()
print("event wait:", ev.wait(0.01))
sem = threading.BoundedSemaphore(2)
print(sem.acquire(), sem.acquire(), sem.acquire(timeout=0.01))
sem.release(); sem.release()
try:
    sem.release()
except ValueError as e:
    print("ValueError:", e)
print(threading.TIMEOUT_MAX > 1e6, threading.active_count(), threading.current_thread().name)
