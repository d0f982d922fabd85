# itertools and deque shared by threads: concurrent next() never crashes or corrupts;
# every item is delivered once where the iterator's step is atomic (count, repeat).
import itertools as I
import threading
from collections import deque

N = 4
K = 2000


def run(fn):
    barrier = threading.Barrier(N)
    out = [[] for _ in range(N)]

    def work(i):
        barrier.wait()
        fn(out[i])

    ts = [threading.Thread(target=work, args=(i,)) for i in range(N)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return out


c = I.count()
res = run(lambda o: o.extend(next(c) for _ in range(K)))
allv = sorted(v for r in res for v in r)
print('count', allv == list(range(N * K)))

r = I.repeat('x', N * K // 2)
res = run(lambda o: o.extend(r))
print('repeat', sum(len(x) for x in res))

for name, make in [
    ('chain', lambda: I.chain(range(3000), range(3000))),
    ('islice', lambda: I.islice(range(10**6), 0, 6000, 1)),
    ('cycle', lambda: I.islice(I.cycle(range(7)), 6000)),
    ('zip_longest', lambda: I.zip_longest(range(3000), range(2000))),
    ('product', lambda: I.product(range(60), range(100))),
    ('combinations', lambda: I.combinations(range(30), 3)),
    ('pairwise', lambda: I.pairwise(range(6000))),
    ('batched', lambda: I.batched(range(6000), 7)),
    ('accumulate', lambda: I.accumulate(range(6000))),
    ('groupby', lambda: I.groupby(range(6000), key=lambda x: x // 10)),
    ('tee', lambda: I.tee(range(6000))[0]),
]:
    it = make()

    def drain(o, it=it):
        try:
            for x in it:
                o.append(x)
        except RuntimeError:
            o.append('re-entered')

    res = run(drain)
    print(name, 'ok', sum(len(x) for x in res) > 0)

d = deque()


def producer(o):
    for i in range(K):
        d.append(i)


run(producer)
print('deque appends', len(d))
popped = run(lambda o: o.extend(d.popleft() for _ in range(K)))
print('deque pops', sum(len(x) for x in popped), len(d),
      sorted(v for p in popped for v in p) == sorted(list(range(K)) * N))
b = deque(maxlen=100)
run(lambda o: [b.append(i) for i in range(K)])
print('bounded', len(b))
