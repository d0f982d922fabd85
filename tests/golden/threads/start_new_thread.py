# The low-level _thread module: start_new_thread, allocate_lock, get_ident; completion via a lock.
import _thread
done = _thread.allocate_lock()
results = []
guard = _thread.allocate_lock()
remaining = [4]
done.acquire()
def worker(n):
    with guard:
        results.append(n * 10)
        remaining[0] -= 1
        if remaining[0] == 0:
            done.release()
for n in range(4):
    _thread.start_new_thread(worker, (n,))
done.acquire()
print(sorted(results), type(_thread.get_ident()).__name__)
l = _thread.allocate_lock()
print(l.acquire(), l.locked(), l.acquire(False))
l.release()
print(l.locked(), type(l).__name__)
try:
    _thread.start_new_thread(worker, [1])
except TypeError as e:
    print(e)
