# threading.local: each thread sees its own attributes; the main thread's value is unaffected.
import threading
local = threading.local()
local.value = "main"
seen = {}
def worker(i):
    print_before = hasattr(local, "value")
    local.value = f"thread {i}"
    for _ in range(1000):
        pass
    seen[i] = (print_before, local.value)
ts = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print([seen[i] for i in range(4)], local.value)
class Ctx(threading.local):
    def __init__(self):
        self.items = []
ctx = Ctx()
ctx.items.append("main")
out = {}
def w(i):
    ctx.items.append(i)
    out[i] = list(ctx.items)
ts = [threading.Thread(target=w, args=(i,)) for i in range(3)]
for t in ts: t.start()
for t in ts: t.join()
print([out[i] for i in range(3)], ctx.items)
