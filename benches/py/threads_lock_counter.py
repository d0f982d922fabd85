"""threads_lock_counter: all threads increment one counter under a threading.Lock.

The worst case for parallelism (every iteration takes the same lock): measures
lock acquire/release and hand-off cost; ideal "scaling" here is no slow-down.
Usage: threads_lock_counter.py [THREADS [N]]. Every thread does the same N iterations (the work per
thread is fixed), so with perfect scaling T threads take as long as 1; the runner
reports speed-up = T * time(1 thread) / time(T threads).
"""
import sys
import threading

NAME = "threads_lock_counter"
DEFAULT_N = 5_000_000


class Counter:
    def __init__(self):
        self.lock = threading.Lock()
        self.value = 0


def setup(threads, n):
    return Counter()


def work(k, n, shared):
    lock = shared.lock
    for _ in range(n):
        with lock:
            shared.value += 1
    return n


def summarize(shared, results):
    return "checksum=%d counter=%d" % (sum(results), shared.value)


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
