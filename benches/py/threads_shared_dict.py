"""threads_shared_dict: all threads read and write one shared dict, each with its own keys.

No two threads touch the same key, but they share the dict object: the workload
where CPython 3.14t's per-dict locking and shared refcounts stop it scaling.
Keys are pre-built str objects (hash cached); each iteration is a read and a write.
Usage: threads_shared_dict.py [THREADS [N]]. Every thread does the same N iterations (the work per
thread is fixed), so with perfect scaling T threads take as long as 1; the runner
reports speed-up = T * time(1 thread) / time(T threads).
"""
import sys
import threading

NAME = "threads_shared_dict"
DEFAULT_N = 7_500_000
KEYS_PER_THREAD = 512


def setup(threads, n):
    table = {}
    keys = []
    for k in range(threads):
        mine = ["t%d-key%d" % (k, j) for j in range(KEYS_PER_THREAD)]
        for key in mine:
            table[key] = 0
        keys.append(mine)
    return table, keys


def work(k, n, shared):
    table, keys = shared
    mine = keys[k]
    mask = KEYS_PER_THREAD - 1
    for i in range(n):
        key = mine[i & mask]
        table[key] = table[key] + 1
    return table[mine[0]]


def summarize(shared, results):
    table, _ = shared
    return "checksum=%d keys=%d total=%d" % (sum(results), len(table), sum(table.values()))


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
