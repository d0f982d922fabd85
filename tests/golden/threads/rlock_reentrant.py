# RLock: re-entrant acquisition by the owner, release count, ownership errors from other threads.
import threading
rl = threading.RLock()
def recursive(n):
    with rl:
        return 0 if n == 0 else 1 + recursive(n - 1)
print(recursive(10))
rl.acquire(); rl.acquire()
rl.release(); rl.release()
try:
    rl.release()
except RuntimeError as e:
    print(e)
rl.acquire()
result = []
def other():
    result.append(rl.acquire(blocking=False))
    try:
        rl.release()
    except RuntimeError as e:
        result.append(str(e))
t = threading.Thread(target=other)
t.start(); t.join()
rl.release()
print(result)
total = 0
def work():
    global total
    for _ in range(10000):
        with rl:
            with rl:
                total += 1
ts = [threading.Thread(target=work) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print(total)
