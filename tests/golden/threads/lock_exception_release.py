# "with lock" releases the lock when the body raises; lock objects across threads.
import threading
lock = threading.Lock()
try:
    with lock:
        raise ValueError("inside lock")
except ValueError as e:
    print(e, lock.locked())
acquired_in_thread = []
def try_take():
    acquired_in_thread.append(lock.acquire(timeout=5))
    lock.release()
t = threading.Thread(target=try_take)
t.start(); t.join()
print(acquired_in_thread)
lock.acquire()
res = []
t = threading.Thread(target=lambda: res.append(lock.acquire(timeout=0.05)))
t.start(); t.join()
lock.release()
print(res)
handoff = threading.Lock()
handoff.acquire()
def releaser():
    handoff.release()
t = threading.Thread(target=releaser)
t.start(); t.join()
print("Lock released by another thread:", not handoff.locked())
