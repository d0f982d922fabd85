# Threads make cycles with __del__, weakrefs with callbacks and refcount garbage while others
# collect: every finalizer runs exactly once.
import threading, weakref, gc
dels = [0]
lock = threading.Lock()
class D:
    def __del__(self):
        with lock:
            dels[0] += 1
class N:
    pass
made = [0]
def worker(k):
    local = 0
    for i in range(3000):
        a = D(); b = N(); a.b = b; b.a = a          # cycle with a finalizer
        r = weakref.ref(b, lambda r: None)
        c = D()                                      # dies by refcount
        del a, b, c
        local += 2
        if i % 500 == 0:
            gc.collect()
    with lock:
        made[0] += local
ts = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
for t in ts: t.start()
for t in ts: t.join()
gc.collect(); gc.collect()
print(made[0] == dels[0], made[0])
