# Chained lazy generators: evaluation is interleaved, infinite generators with islice, itertools.
import itertools
def numbers():
    n = 0
    while True:
        print("produce", n)
        yield n
        n += 1
def squares(src):
    for v in src:
        print("square", v)
        yield v * v
def evens(src):
    for v in src:
        if v % 2 == 0:
            yield v
pipeline = evens(squares(numbers()))
print(list(itertools.islice(pipeline, 3)))
def fib():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b
print(list(itertools.takewhile(lambda v: v < 100, fib())))
print(next(v for v in fib() if v > 1000))
