# Event: waiters block until set; wait returns the flag; clear resets it.
import threading
ev = threading.Event()
ready = []
lock = threading.Lock()
def waiter(i):
    flag = ev.wait()
    with lock:
        ready.append((i, flag))
ts = [threading.Thread(target=waiter, args=(i,)) for i in range(4)]
for t in ts: t.start()
print(ev.is_set(), ready)
ev.set()
for t in ts: t.join()
print(sorted(ready))
ev.clear()
print(ev.is_set(), ev.wait(timeout=0.01))
