"""float: build many small Point objects from trig values, normalise them, reduce to a maximum.

The pyperformance 'float' shape: object allocation with __slots__-free instances,
attribute reads/writes, math.sin/cos/sqrt and float arithmetic. Size: points per round (20 rounds).
"""
import sys
from math import cos, sin, sqrt


class Point:
    def __init__(self, i):
        self.x = x = sin(i)
        self.y = cos(i) * 3
        self.z = (x * x) / 2

    def normalize(self):
        x, y, z = self.x, self.y, self.z
        norm = sqrt(x * x + y * y + z * z)
        self.x /= norm
        self.y /= norm
        self.z /= norm

    def maximize(self, other):
        if other.x > self.x:
            self.x = other.x
        if other.y > self.y:
            self.y = other.y
        if other.z > self.z:
            self.z = other.z
        return self


def run(n):
    points = [Point(i) for i in range(n)]
    for p in points:
        p.normalize()
    best = points[0]
    for p in points[1:]:
        best = best.maximize(p)
    return best


def main(n):
    total = 0.0
    rounds = 20
    for _ in range(rounds):
        best = run(n)
        total += best.x + best.y + best.z
    print("float n=%d max=(%.9f, %.9f, %.9f) total=%.9f" % (n, best.x, best.y, best.z, total))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
