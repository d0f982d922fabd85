"""Ladon demo: CPU-bound Python on several threads at once, with no GIL.

Runs the same pure-Python work on 1 thread, then split over N threads, and prints the
speed-up. On CPython with a GIL the speed-up stays near 1x; on Ladon it approaches N.
"""
import os
import sys
import threading
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
    results = [0] * threads
    def target(k):
        results[k] = work(n)
    ts = [threading.Thread(target=target, args=(k,)) for k in range(threads)]
    start = time.perf_counter()
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return time.perf_counter() - start, results


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    threads = os.cpu_count() or 2
    one, r1 = run(1, n)
    many, rn = run(threads, n)
    assert all(r == r1[0] for r in rn), "threads computed different results"
    print(f"gil enabled: {sys._is_gil_enabled() if hasattr(sys, '_is_gil_enabled') else True}")
    print(f"1 thread:  {one:.2f} s for 1 unit of work")
    print(f"{threads} threads: {many:.2f} s for {threads} units of work")
    print(f"throughput speed-up with {threads} threads: {threads * one / many:.2f}x")


main()
