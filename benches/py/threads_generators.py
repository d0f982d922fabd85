"""threads_generators: each thread creates and drains generators.

Generator creation, resumption and exhaustion on every thread (a shared
generator function, per-thread generator objects).
Usage: threads_generators.py [THREADS [N]]. Every thread does the same N iterations (the work per
thread is fixed), so with perfect scaling T threads take as long as 1; the runner
reports speed-up = T * time(1 thread) / time(T threads).
"""
import sys
import threading

NAME = "threads_generators"
DEFAULT_N = 7_500_000


def squares(start, count):
    for i in range(start, start + count):
        yield (i * i) & 0xFF


def setup(threads, n):
    return None


def work(k, n, shared):
    total = 0
    for start in range(0, n, 100):
        for v in squares(start + k, 100):
            total += v
    return total


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
