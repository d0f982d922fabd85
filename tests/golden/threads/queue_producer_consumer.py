# queue.Queue producer/consumer with sentinels; results sorted before printing; task_done/join.
import threading, queue
q = queue.Queue(maxsize=10)
results = []
lock = threading.Lock()
def producer(start):
    for i in range(start, start + 50):
        q.put(i)
def consumer():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        with lock:
            results.append(item * 2)
        q.task_done()
producers = [threading.Thread(target=producer, args=(k * 50,)) for k in range(4)]
consumers = [threading.Thread(target=consumer) for _ in range(3)]
for t in producers + consumers: t.start()
for t in producers: t.join()
for _ in consumers: q.put(None)
q.join()
for t in consumers: t.join()
print(len(results), sorted(results) == [i * 2 for i in range(200)], q.empty())
lq = queue.LifoQueue()
for i in range(3): lq.put(i)
pq = queue.PriorityQueue()
for p in [(2, "b"), (1, "a"), (3, "c")]: pq.put(p)
print([lq.get() for _ in range(3)], [pq.get()[1] for _ in range(3)])
try:
    queue.Queue().get_nowait()
except queue.Empty:
    print("Empty")
full = queue.Queue(1)
full.put(1)
try:
    full.put_nowait(2)
except queue.Full:
    print("Full")
try:
    full.put(2, timeout=0.01)
except queue.Full:
    print("Full after timeout")
sq = queue.SimpleQueue()
sq.put("x")
print(sq.get(), sq.empty(), sq.qsize())
