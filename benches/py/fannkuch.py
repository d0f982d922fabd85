"""fannkuch: the pancake-flipping permutation benchmark (fannkuch-redux).

Measures list slicing, slice assignment, reversal and small-int loops. Runs over the
permutations of 10 elements; size: how many permutations to visit (at most 10! = 3628800).
"""
import sys


def fannkuch(n, limit):
    perm1 = list(range(n))
    count = [0] * n
    max_flips = 0
    checksum = 0
    sign = 1
    r = n
    nperm = 0
    while True:
        while r != 1:
            count[r - 1] = r
            r -= 1
        perm = perm1[:]
        flips = 0
        first = perm[0]
        while first:
            perm[:first + 1] = perm[first::-1]
            flips += 1
            first = perm[0]
        if flips > max_flips:
            max_flips = flips
        checksum += flips if sign > 0 else -flips
        sign = -sign
        nperm += 1
        if nperm == limit:
            return checksum, max_flips, nperm
        # next permutation in the rotation order
        while True:
            if r == n:
                return checksum, max_flips, nperm
            p0 = perm1[0]
            perm1[:r] = perm1[1:r + 1]
            perm1[r] = p0
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1


def main(limit, n=10):
    checksum, flips, nperm = fannkuch(n, limit)
    print("fannkuch n=%d checksum=%d max_flips=%d perms=%d" % (n, checksum, flips, nperm))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)
