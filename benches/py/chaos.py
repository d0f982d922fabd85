"""chaos: the chaos game, drawing an iterated-function-system fractal into a pixel grid.

Measures operator overloading (__add__, __sub__, __mul__, __rmul__ on a small
vector class), float arithmetic, a hand-written linear congruential generator,
weighted random choice and 2-D list indexing. Size: number of points plotted.
"""
import sys


class Vec:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def __sub__(self, other):
        return Vec(self.x - other.x, self.y - other.y)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)

    __rmul__ = __mul__

    def length2(self):
        return self.x * self.x + self.y * self.y


class Affine:
    """p -> M p + t, with M given by its two column vectors."""

    def __init__(self, a, b, c, d, e, f, weight):
        self.col_x = Vec(a, c)
        self.col_y = Vec(b, d)
        self.shift = Vec(e, f)
        self.weight = weight

    def __call__(self, p):
        return p.x * self.col_x + p.y * self.col_y + self.shift


class Lcg:
    """Deterministic uniform floats in [0, 1) (the VM under test has to agree bit for bit)."""

    def __init__(self, seed):
        self.state = seed

    def random(self):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
        return (self.state >> 11) / 9007199254740992.0


# Barnsley's fern and a Sierpinski-like triangle, mixed: weights sum to 1 per set.
FERN = [
    Affine(0.0, 0.0, 0.0, 0.16, 0.0, 0.0, 0.01),
    Affine(0.85, 0.04, -0.04, 0.85, 0.0, 1.6, 0.85),
    Affine(0.2, -0.26, 0.23, 0.22, 0.0, 1.6, 0.07),
    Affine(-0.15, 0.28, 0.26, 0.24, 0.0, 0.44, 0.07),
]
TRIANGLE = [
    Affine(0.5, 0.0, 0.0, 0.5, 0.0, 0.0, 1 / 3),
    Affine(0.5, 0.0, 0.0, 0.5, 2.5, 0.0, 1 / 3),
    Affine(0.5, 0.0, 0.0, 0.5, 1.25, 5.0, 1 / 3),
]


def pick(maps, r):
    for m in maps:
        r -= m.weight
        if r < 0.0:
            return m
    return maps[-1]


def play(maps, points, rng, width, height, lo, hi):
    grid = [[0] * width for _ in range(height)]
    span = hi - lo
    p = Vec(0.0, 0.0)
    far = 0.0
    for i in range(points):
        p = pick(maps, rng.random())(p)
        d = (p - lo).length2()
        if d > far:
            far = d
        if i < 20:
            continue  # let the orbit settle on the attractor
        col = int((p.x - lo.x) / span.x * (width - 1))
        row = int((p.y - lo.y) / span.y * (height - 1))
        if 0 <= col < width and 0 <= row < height:
            grid[row][col] += 1
    return grid, far


def main(points):
    rng = Lcg(20261129)
    summary = []
    for maps, lo, hi in ((FERN, Vec(-2.5, 0.0), Vec(2.75, 10.0)),
                         (TRIANGLE, Vec(0.0, 0.0), Vec(5.0, 10.0))):
        grid, far = play(maps, points // 2, rng, 64, 64, lo, hi)
        lit = sum(1 for row in grid for c in row if c)
        h = 0
        for row in grid:
            for c in row:
                h = (h * 31 + c) % 1000000007
        summary.append("lit=%d h=%d far=%.6f" % (lit, h, far))
    print("chaos n=%d %s" % (points, " | ".join(summary)))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 800_000)
