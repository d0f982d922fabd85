"""nqueens: count and enumerate all placements of n non-attacking queens.

Measures recursive generators, set operations (columns and diagonals kept in
sets), tuple building and comparisons. Solves every board from 1x1 up to n x n.
Size: the largest board size n.
"""
import sys


def solutions(n):
    """Yield each solution as a tuple of column indices, row by row."""
    cols = set()
    diag1 = set()
    diag2 = set()
    placed = []

    def place(row):
        if row == n:
            yield tuple(placed)
            return
        for col in range(n):
            if col in cols or row + col in diag1 or row - col in diag2:
                continue
            cols.add(col)
            diag1.add(row + col)
            diag2.add(row - col)
            placed.append(col)
            yield from place(row + 1)
            placed.pop()
            cols.discard(col)
            diag1.discard(row + col)
            diag2.discard(row - col)

    return place(0)


def solve(n):
    count = 0
    checksum = 0
    first = None
    for sol in solutions(n):
        if first is None:
            first = sol
        count += 1
        for i, c in enumerate(sol):
            checksum = (checksum * 31 + c * (i + 1)) % 1000000007
    return count, checksum, first


def main(n):
    counts = []
    total = 0
    for size in range(1, n + 1):
        count, checksum, first = solve(size)
        counts.append(count)
        total = (total + checksum) % 1000000007
    print("nqueens n=%d counts=%s checksum=%d first=%s" % (n, counts, total, first))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 12)
