# threading.get_ident / native ids are unique among live threads; enumerate and active_count.
import threading
idents = []
lock = threading.Lock()
gate = threading.Barrier(5)
release = threading.Event()  # workers stay alive until main has counted them
def w():
    with lock:
        idents.append((threading.get_ident(), threading.get_native_id(), threading.current_thread().ident))
    gate.wait()
    release.wait()
ts = [threading.Thread(target=w) for _ in range(4)]
for t in ts: t.start()
gate.wait()
print(threading.active_count() >= 5, len(threading.enumerate()) >= 5)
release.set()
for t in ts: t.join()
print(len({i[0] for i in idents}), len({i[1] for i in idents}), all(a == c for a, _, c in idents))
print(threading.get_ident() not in {i[0] for i in idents}, [t.ident for t in ts] == [t.ident for t in ts])
print(threading.active_count())
