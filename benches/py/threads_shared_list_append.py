"""threads_shared_list_append: all threads append to (and pop from) one shared list.

Each thread pushes 1000 items then pops 1000, so the list's lock (or the GIL)
is taken by every thread constantly; memory stays bounded. Contended by design:
this shows the cost of a shared mutable container, not ideal scaling.
Usage: threads_shared_list_append.py [THREADS [N]]. Every thread does the same N iterations (the work per
thread is fixed), so with perfect scaling T threads take as long as 1; the runner
reports speed-up = T * time(1 thread) / time(T threads).
"""
import sys
import threading

NAME = "threads_shared_list_append"
DEFAULT_N = 10_000_000


def setup(threads, n):
    return []


def work(k, n, shared):
    append = shared.append
    pop = shared.pop
    popped = 0
    done = 0
    while done < n:
        batch = min(1000, n - done)
        for _ in range(batch):
            append(1)
        for _ in range(batch):
            popped += pop()
        done += batch
    return popped


def summarize(shared, results):
    return "checksum=%d left=%d" % (sum(results), len(shared))


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
