"""threads_closures: each thread creates closures and calls them.

MAKE_FUNCTION with a cell, LOAD_DEREF/STORE_DEREF through nonlocal, and calls
of freshly made function objects, on every thread at once.
Usage: threads_closures.py [THREADS [N]]. Every thread does the same N iterations (the work per
thread is fixed), so with perfect scaling T threads take as long as 1; the runner
reports speed-up = T * time(1 thread) / time(T threads).
"""
import sys
import threading

NAME = "threads_closures"
DEFAULT_N = 2_000_000


def make_counter(start):
    count = start

    def step(by):
        nonlocal count
        count = (count + by) & 0xFFFF
        return count

    return step


def setup(threads, n):
    return None


def work(k, n, shared):
    total = 0
    for i in range(n):
        step = make_counter(i)
        step(k)
        total += step(3)
    return total & 0xFFFFFFFF


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
