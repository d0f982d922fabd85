"""unpack_sequence: tuple and list unpacking in every common shape.

Measures UNPACK_SEQUENCE on tuples and lists (2, 3 and 10 targets), swaps,
starred unpacking (UNPACK_EX), nested targets, unpacking in for-loop headers,
and building tuples to unpack them again. Size: number of outer iterations.
"""
import sys


def main(n):
    t10 = tuple(range(10))
    l10 = list(range(10, 20))
    pairs = [(i, i * 2) for i in range(16)]
    nested = [((i, i + 1), [i + 2, (i + 3, i + 4)]) for i in range(8)]
    acc = 0
    x, y = 1, 2
    for i in range(n):
        a, b, c, d, e, f, g, h, j, k = t10
        acc += a + c + e + g + j
        a, b, c, d, e, f, g, h, j, k = l10
        acc += b + d + f + h + k
        x, y = y, x
        a, b, c = c, a, b
        acc += a - b + c
        first, *middle, last = l10
        acc += first + last + len(middle)
        *init, tail = t10
        acc += tail + init[-1]
        head, *rest = pairs[i & 15]
        acc += head + rest[0]
        for p, q in pairs:
            acc += p * q
        for (p, q), [r, (s, u)] in nested:
            acc += p + q + r + s + u
        p, q = divmod(i, 7)
        acc += p + q
        a, b = b, a + b
        acc += a + b
        acc &= 0xFFFFFFFF
    print("unpack_sequence n=%d acc=%d x=%d y=%d" % (n, acc, x, y))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 650_000)
