"""threads_thread_local: threads read and write attributes of one threading.local().

Each thread sees its own attribute namespace of the shared local object:
measures the per-thread lookup behind every attribute access.
Usage: threads_thread_local.py [THREADS [N]]. Every thread does the same N iterations (the work per
thread is fixed), so with perfect scaling T threads take as long as 1; the runner
reports speed-up = T * time(1 thread) / time(T threads).
"""
import sys
import threading

NAME = "threads_thread_local"
DEFAULT_N = 4_000_000


def setup(threads, n):
    return threading.local()


def work(k, n, shared):
    tl = shared
    tl.ident = k
    tl.count = 0
    for i in range(n):
        tl.count = tl.count + tl.ident + (i & 1)
    return tl.count


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
