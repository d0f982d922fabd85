# Timeouts that are NaN or out of PyTime_t's range are errors, never a crash.
import _thread
import threading
import time

lock = _thread.allocate_lock()
for t in (float("nan"), float("inf"), 1e300, 2**70, -2.0):
    try:
        print(lock.acquire(timeout=t))
        lock.release()
    except Exception as e:
        print("acquire", t, type(e).__name__, e)
    try:
        time.sleep(t)
    except Exception as e:
        print("sleep", t, type(e).__name__, e)

th = threading.Thread(target=lambda: None)
th.start()
for t in (float("nan"), 1e300):
    try:
        th.join(t)
    except Exception as e:
        print("join", t, type(e).__name__, e)
th.join()
print(lock.acquire(timeout=0.01), lock.locked())
