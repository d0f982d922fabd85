"""threads_method_calls: each thread calls methods on its own object.

Bound-method calls, attribute reads and writes on a per-thread instance of a
shared class (the class and its methods are shared, the instance is not).
Usage: threads_method_calls.py [THREADS [N]]. Every thread does the same N iterations (the work per
thread is fixed), so with perfect scaling T threads take as long as 1; the runner
reports speed-up = T * time(1 thread) / time(T threads).
"""
import sys
import threading

NAME = "threads_method_calls"
DEFAULT_N = 3_000_000


class Acc:
    def __init__(self, start):
        self.total = start

    def add(self, x):
        self.total = (self.total + x) & 0xFFFFFF

    def value(self):
        return self.total


def setup(threads, n):
    return None


def work(k, n, shared):
    a = Acc(k)
    for i in range(n):
        a.add(i)
        a.add(a.value() >> 3)
    return a.value()


def summarize(shared, results):
    return "checksum=%d" % sum(results)


def run(threads, n):
    shared = setup(threads, n)
    results = [0] * threads
    barrier = threading.Barrier(threads)

    def body(k):
        barrier.wait()  # start all threads' work together
        results[k] = work(k, n, shared)

    workers = [threading.Thread(target=body, args=(k,)) for k in range(threads)]
    for t in workers:
        t.start()
    for t in workers:
        t.join()
    return summarize(shared, results)


if __name__ == "__main__":
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    n = int(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_N
    print("%s threads=%d n=%d %s" % (NAME, threads, n, run(threads, n)))
