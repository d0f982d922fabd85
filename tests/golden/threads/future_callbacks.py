# Future callbacks and states: add_done_callback on finished futures runs immediately; cancel pending futures.
from concurrent.futures import ThreadPoolExecutor, Future
import threading
f = Future()
log = []
f.add_done_callback(lambda fut: log.append(("cb1", fut.result())))
print(f.done(), f.running(), f.cancelled())
f.set_result(10)
f.add_done_callback(lambda fut: log.append(("cb2", fut.result())))
print(log, f.done())
g = Future()
print(g.cancel(), g.cancelled(), g.done())
gate = threading.Event()
with ThreadPoolExecutor(max_workers=1) as ex:
    blocker = ex.submit(gate.wait)
    pending = ex.submit(lambda: "never")
    print(pending.cancel(), pending.cancelled())
    gate.set()
print(blocker.result(), pending.cancelled())
def init(tag):
    threading.current_thread().tag = tag
with ThreadPoolExecutor(max_workers=2, initializer=init, initargs=("ready",)) as ex:
    print(sorted(set(ex.map(lambda _: threading.current_thread().tag, range(6)))))
h = Future()
h.set_exception(KeyError("k"))
print(repr(h.exception()))
