# array: appends, extends and slice reads from several threads at once lose nothing.
import array
import threading

a = array.array('q')
N, T = 5000, 4
barrier = threading.Barrier(T)

def work(k):
    barrier.wait()
    for i in range(N):
        a.append(k)
        if i % 100 == 0:
            a.extend([k, k])
            _ = a[-10:]
            _ = bytes(a[:4])

threads = [threading.Thread(target=work, args=(k,)) for k in range(T)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(a), sorted(a.count(k) for k in range(T)), sum(a))

b = array.array('i', range(1000))
def popper(out):
    barrier.wait()
    while True:
        try:
            out.append(b.pop())
        except IndexError:
            return
outs = [[] for _ in range(T)]
threads = [threading.Thread(target=popper, args=(o,)) for o in outs]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(b), sum(len(o) for o in outs), sorted(x for o in outs for x in o) == list(range(1000)))
