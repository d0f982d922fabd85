# threading.Thread start/join: results collected per thread, printed after join in a fixed order.
import threading
results = {}
def work(i):
    results[i] = sum(range(i * 1000))
threads = [threading.Thread(target=work, args=(i,), name=f"worker-{i}") for i in range(5)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print([results[i] for i in range(5)])
print([t.name for t in threads], [t.is_alive() for t in threads])
class Sub(threading.Thread):
    def __init__(self, n):
        super().__init__()
        self.n, self.out = n, None
    def run(self):
        self.out = self.n ** 2
subs = [Sub(n) for n in range(4)]
for s in subs: s.start()
for s in subs: s.join()
print([s.out for s in subs])
t = threading.Thread(target=lambda: None)
print(t.is_alive(), t.ident is None)
t.start(); t.join()
print(t.is_alive(), t.ident is not None)
try:
    t.start()
except RuntimeError as e:
    print(e)
try:
    threading.Thread(target=lambda: None).join()
except RuntimeError as e:
    print(e)
d = threading.Thread(target=lambda: None, daemon=True)
print(d.daemon, threading.current_thread().name, threading.main_thread() is threading.current_thread())
