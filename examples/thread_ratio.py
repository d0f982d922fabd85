"""Issue-5 acceptance check: two pure-Python CPU loops on one thread, then one loop on each of
two _thread threads (ratio = parallel time / serial time; ideal 0.50), and 4 threads x 100,000
lock-protected increments (must print 400000)."""
import _thread, time
def loop(n):
    t = 0
    for i in range(n):
        t += i % 7
    return t
N = 10_000_000
t0 = time.perf_counter(); loop(N); loop(N); serial = time.perf_counter() - t0
done = [_thread.allocate_lock() for _ in range(2)]
for l in done: l.acquire()
def worker(k):
    loop(N); done[k].release()
t0 = time.perf_counter()
for k in range(2): _thread.start_new_thread(worker, (k,))
for l in done: l.acquire()
par = time.perf_counter() - t0
print(f"serial {serial:.3f}s  2 threads {par:.3f}s  ratio {par/serial:.3f}")
lock = _thread.allocate_lock(); count = [0]
fin = [_thread.allocate_lock() for _ in range(4)]
for l in fin: l.acquire()
def inc(k):
    for _ in range(100_000):
        with lock:
            count[0] += 1
    fin[k].release()
for k in range(4): _thread.start_new_thread(inc, (k,))
for l in fin: l.acquire()
print("locked increments:", count[0])
