"""threads_create_pyobject: each thread allocates and drops small instances.

Object allocation and deallocation (__init__ with two attribute stores) on
every thread at once: tests that the allocator and the reference counting of
the shared class object do not serialise threads.
Usage: threads_create_pyobject.py [THREADS [N]]. Every thread does the same N iterations (the work per
thread is fixed), so with perfect scaling T threads take as long as 1; the runner
reports speed-up = T * time(1 thread) / time(T threads).
"""
import sys
import threading

NAME = "threads_create_pyobject"
DEFAULT_N = 4_500_000


class Item:
    def __init__(self, a, b):
        self.a = a
        self.b = b


def setup(threads, n):
    return None


def work(k, n, shared):
    acc = 0
    for i in range(n):
        o = Item(i, k)
        acc += o.a & 7
    return acc


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
