"""closures: creating and calling closures, cells, nonlocal and decorators.

Measures MAKE_FUNCTION with free variables, LOAD_DEREF/STORE_DEREF, calls of
nested functions and lambdas, and decorator wrappers with *args/**kwargs.
Size: number of outer iterations.
"""
import sys


def make_counter(start):
    count = start

    def step(by=1):
        nonlocal count
        count += by
        return count

    return step


def make_adder(k):
    return lambda x: x + k


def compose(f, g):
    def h(x):
        return f(g(x))
    return h


def memo_calls(fn):
    calls = [0]

    def wrapper(*args, **kwargs):
        calls[0] += 1
        return fn(*args, **kwargs)

    wrapper.calls = calls
    return wrapper


@memo_calls
def poly(x, a=1, b=0):
    return a * x + b


def accumulate(values):
    total = 0

    def add(v):
        nonlocal total
        total += v

    for v in values:
        add(v)
    return total


def main(n):
    checksum = 0
    values = list(range(50))
    for i in range(n):
        counter = make_counter(i)
        for _ in range(20):
            counter()
        checksum += counter(5)
        add3 = make_adder(3)
        times2 = lambda x: x * 2
        f = compose(add3, compose(times2, make_adder(i & 15)))
        for j in range(20):
            checksum += f(j)
        checksum += poly(i, a=2) + poly(i, 3, b=1)
        checksum += accumulate(values)
        checksum %= 1000000007
    print("closures n=%d checksum=%d wrapped_calls=%d" % (n, checksum, poly.calls[0]))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 150_000)
