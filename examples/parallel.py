"""Ladon demo: CPU-bound Python on several threads at once, with no GIL.

Runs the same pure-Python work on 1 thread, then on N threads at once (N = cores), and prints
the throughput speed-up. With a GIL (CPython's default build) it stays near 1x; without one
it approaches N. Uses `_thread`, the primitive layer under `threading`.
"""
import _thread
import os
import sys
import time


def work(n):
    """A pure-Python CPU loop: sum of integer square roots by Newton's method."""
    total = 0
    for i in range(1, n):
        x = i
        y = (x + 1) // 2
        while y < x:
            x = y
            y = (x + i // x) // 2
        total += x
    return total


def run(threads, n):
    results = [None] * threads
    done = [_thread.allocate_lock() for _ in range(threads)]

    def target(k):
        results[k] = work(n)
        done[k].release()

    start = time.perf_counter()
    for k in range(threads):
        done[k].acquire()
        _thread.start_new_thread(target, (k,))
    for lock in done:
        lock.acquire()
    return time.perf_counter() - start, results


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    threads = os.cpu_count() or 2
    one, r1 = run(1, n)
    many, rn = run(threads, n)
    assert all(r == r1[0] for r in rn), "threads computed different results"
    gil = sys._is_gil_enabled() if hasattr(sys, "_is_gil_enabled") else True
    print(f"GIL enabled: {gil}")
    print(f"1 thread:  {one:.2f} s for 1 unit of work")
    print(f"{threads} threads: {many:.2f} s for {threads} units of work")
    print(f"throughput speed-up with {threads} threads: {threads * one / many:.2f}x")


main()
