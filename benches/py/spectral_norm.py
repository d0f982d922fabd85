"""spectral_norm: the largest singular value of the infinite matrix A(i, j) = 1/((i+j)(i+j+1)/2+i+1).

Measures float division, small function calls in nested loops, zip and list
building. Size: n, the matrix order (work grows as n*n).
"""
import sys


def a(i, j):
    s = i + j
    return 1.0 / ((s * (s + 1) >> 1) + i + 1)


def mul_av(v, n):
    out = []
    for i in range(n):
        acc = 0.0
        for j, vj in enumerate(v):
            acc += a(i, j) * vj
        out.append(acc)
    return out


def mul_atv(v, n):
    out = []
    for i in range(n):
        acc = 0.0
        for j, vj in enumerate(v):
            acc += a(j, i) * vj
        out.append(acc)
    return out


def mul_atav(v, n):
    return mul_atv(mul_av(v, n), n)


def main(n):
    u = [1.0] * n
    v = u
    for _ in range(10):
        v = mul_atav(u, n)
        u = mul_atav(v, n)
    vbv = vv = 0.0
    for ue, ve in zip(u, v):
        vbv += ue * ve
        vv += ve * ve
    print("spectral_norm n=%d %.9f" % (n, (vbv / vv) ** 0.5))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
