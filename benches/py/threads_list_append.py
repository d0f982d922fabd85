"""threads_list_append: each thread appends to its own (thread-local) list.

list.append on an unshared list, cleared every 1000 items: the owner thread's
fast path (no contention, nothing shared but the list type).
Usage: threads_list_append.py [THREADS [N]]. Every thread does the same N iterations (the work per
thread is fixed), so with perfect scaling T threads take as long as 1; the runner
reports speed-up = T * time(1 thread) / time(T threads).
"""
import sys
import threading

NAME = "threads_list_append"
DEFAULT_N = 12_000_000


def setup(threads, n):
    return None


def work(k, n, shared):
    items = []
    total = 0
    for i in range(n):
        items.append(i)
        if len(items) == 1000:
            total += items[-1] - items[0]
            items.clear()
    return total + len(items)


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
