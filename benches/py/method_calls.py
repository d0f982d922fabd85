"""method_calls: many small method calls on a class hierarchy.

Measures bound-method calls (LOAD_ATTR method + CALL), calls through an
inheritance chain and super(), properties, classmethods/staticmethods,
keyword arguments and default arguments. Size: number of outer iterations.
"""
import sys


class Shape:
    sides = 0

    def __init__(self, size):
        self.size = size

    def area(self):
        return 0

    def scaled(self, factor=2):
        return self.size * factor

    def describe(self):
        return self.sides + self.area()

    @classmethod
    def kind(cls):
        return cls.sides

    @staticmethod
    def clamp(x, lo=0, hi=1000):
        return lo if x < lo else hi if x > hi else x


class Square(Shape):
    sides = 4

    def area(self):
        return self.size * self.size

    @property
    def perimeter(self):
        return 4 * self.size


class Cube(Square):
    def area(self):
        return 6 * super().area()

    def volume(self):
        return self.size * Square.area(self)


class Counter:
    def __init__(self):
        self.n = 0

    def inc(self):
        self.n += 1
        return self

    def add(self, k, *, times=1):
        self.n += k * times
        return self

    def get(self):
        return self.n


def work(shapes, counter):
    total = 0
    for s in shapes:
        total += s.area()
        total += s.describe()
        total += s.scaled()
        total += s.scaled(factor=3)
        total += s.kind()
        total += s.clamp(total & 2047)
        counter.inc().inc().add(s.size, times=2)
    return total


def main(n):
    shapes = []
    for i in range(1, 31):
        shapes.append(Shape(i))
        shapes.append(Square(i))
        c = Cube(i)
        shapes.append(c)
    cubes = [s for s in shapes if isinstance(s, Cube)]
    counter = Counter()
    total = 0
    for _ in range(n):
        total = (total + work(shapes, counter)) % 1000000007
        for c in cubes:
            total += c.volume() + c.perimeter
    print("method_calls n=%d total=%d counter=%d" % (n, total, counter.get()))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20000)
