"""comprehensions: list, dict and set comprehensions, nested and filtered, plus sorting.

Measures the inlined comprehensions of 3.12+ (PEP 709), iteration over ranges,
lists and dict items, conditional filters, nested loops, tuple keys, sorted()
with key functions and min/max/sum over generator expressions.
Size: number of outer rounds.
"""
import sys


def one_round(r, base):
    evens = [x * x for x in base if x % 2 == 0]
    table = {x: x * 3 + r for x in base}
    inverse = {v: k for k, v in table.items() if v % 5}
    residues = {x % 97 for x in evens}
    pairs = [(i, j) for i in range(12) for j in range(i, 12) if (i + j + r) % 3 == 0]
    grid = [[i * j for j in range(10)] for i in range(10)]
    flat = [v for row in grid for v in row if v & 1]
    words = ["w%d" % ((x * 7 + r) % 50) for x in range(40)]
    ranked = sorted(set(words), key=lambda w: (len(w), w[::-1]))
    lengths = {w: len(w) for w in ranked}
    total = (sum(evens) + len(inverse) + len(residues) + len(pairs) + sum(flat)
             + sum(lengths.values()) + max(v for v in table.values() if v % 7 == 0)
             + min(k for k in inverse if k > 10))
    return total, ranked[0]


def main(n):
    base = list(range(200))
    acc = 0
    first = None
    for r in range(n):
        total, first = one_round(r, base)
        acc = (acc * 7 + total) % 1000000007
    print("comprehensions n=%d acc=%d first=%s" % (n, acc, first))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 18000)
