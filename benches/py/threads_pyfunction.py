"""threads_pyfunction: each thread calls a small pure-Python function in a loop.

The simplest scaling test: frames, argument passing and int arithmetic with no
shared mutable state. A free-threaded VM should scale linearly.
Usage: threads_pyfunction.py [THREADS [N]]. Every thread does the same N iterations (the work per
thread is fixed), so with perfect scaling T threads take as long as 1; the runner
reports speed-up = T * time(1 thread) / time(T threads).
"""
import sys
import threading

NAME = "threads_pyfunction"
DEFAULT_N = 8_000_000


def f(x, y):
    return (x + y * 3) & 0xFFFF


def setup(threads, n):
    return None


def work(k, n, shared):
    acc = k
    for i in range(n):
        acc = f(acc, i)
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
