# A threading.local subclass re-runs __init__ with the constructor's arguments in each thread.
import threading

class Counter(threading.local):
    def __init__(self, start, *, step=1):
        self.value = start
        self.step = step

c = Counter(10, step=5)
c.value += c.step
results = {}

def work(i):
    before = c.value
    c.value += c.step * i
    results[i] = (before, c.value, sorted(c.__dict__))

threads = [threading.Thread(target=work, args=(i,)) for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results.items()), c.value)
try:
    threading.local(1)
except TypeError as e:
    print("TypeError:", e)
loc = threading.local()
try:
    loc.missing
except AttributeError as e:
    print("AttributeError:", e)
