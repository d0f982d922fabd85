"""generators: generator pipelines, `yield from` delegation and generator expressions.

Measures generator creation, resumption and teardown: a binary-tree in-order
walk through nested `yield from`, a chain of filter/map generator stages, and
send() into a running-total coroutine. Size: number of items pushed through.
"""
import sys


class Node:
    __slots__ = ("left", "value", "right")

    def __init__(self, left, value, right):
        self.left = left
        self.value = value
        self.right = right


def build(lo, hi):
    if lo >= hi:
        return None
    mid = (lo + hi) // 2
    return Node(build(lo, mid), mid, build(mid + 1, hi))


def walk(node):
    if node is not None:
        yield from walk(node.left)
        yield node.value
        yield from walk(node.right)


def numbers(n):
    i = 0
    while i < n:
        yield i
        i += 1


def evens(it):
    for x in it:
        if x % 2 == 0:
            yield x


def squares(it):
    for x in it:
        yield x * x


def chunks(it, size):
    buf = []
    for x in it:
        buf.append(x)
        if len(buf) == size:
            yield buf
            buf = []
    if buf:
        yield buf


def running_total():
    total = 0
    while True:
        x = yield total
        if x is None:
            break
        total += x
    return total


def main(n):
    tree = build(0, 4096)
    walked = 0
    for _ in range(n // 4096):
        walked += sum(walk(tree))
    piped = 0
    for chunk in chunks(squares(evens(numbers(n))), 7):
        piped += chunk[-1] - chunk[0]
    genexp = sum(x % 7 for x in range(n) if x & 3)
    acc = running_total()
    next(acc)
    last = 0
    for i in range(n // 2):
        last = acc.send(i & 255)
    acc.close()
    print("generators n=%d walk=%d pipe=%d genexp=%d send=%d" % (n, walked, piped, genexp, last))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3_500_000)
