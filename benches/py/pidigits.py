"""pidigits: digits of pi from Gibbons' unbounded spigot, with pure-Python big ints.

Measures arbitrary-precision integer multiply, add and floor division on
numbers that grow to thousands of digits. Size: number of digits.
"""
import sys


def pi_digits(count):
    q, r, t, k, n, l = 1, 0, 1, 1, 3, 3
    out = []
    while len(out) < count:
        if 4 * q + r - t < n * t:
            out.append(n)
            q, r, n = 10 * q, 10 * (r - n * t), (10 * (3 * q + r)) // t - 10 * n
        else:
            q, r, t, k, n, l = (q * k, (2 * q + r) * l, t * l, k + 1,
                                (q * (7 * k + 2) + r * l) // (t * l), l + 2)
    return out


def main(count):
    digits = pi_digits(count)
    text = "".join(map(str, digits))
    print("pidigits n=%d head=%s tail=%s sum=%d" % (count, text[:12], text[-12:], sum(digits)))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5300)
