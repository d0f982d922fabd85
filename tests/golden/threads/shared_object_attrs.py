# Threads mutating attributes of a shared object under a lock, plus per-thread private objects.
import threading
class Account:
    def __init__(self):
        self.balance = 0
        self.lock = threading.Lock()
    def deposit(self, n):
        with self.lock:
            self.balance += n
acct = Account()
def many(n):
    for _ in range(n):
        acct.deposit(1)
ts = [threading.Thread(target=many, args=(25000,)) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print(acct.balance)
class Box: pass
boxes = [Box() for _ in range(4)]
def private(i):
    b = boxes[i]
    b.total = 0
    for k in range(1000):
        b.total += k
ts = [threading.Thread(target=private, args=(i,)) for i in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print([b.total for b in boxes])
