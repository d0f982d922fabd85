# RecursionError in deep chains of generators resumed in line (yield from, for loops, await).
import sys


def nested_from(n):
    if n == 0:
        yield 0
    else:
        yield from nested_from(n - 1)


def nested_for(n):
    if n == 0:
        yield 0
        return
    for x in nested_for(n - 1):
        yield x


async def nested_await(n):
    if n == 0:
        return 0
    return await nested_await(n - 1) + 1


def run_coro(c):
    try:
        c.send(None)
    except StopIteration as e:
        return e.value


for depth in (100, 900, 2000):
    for name, fn in (("from", lambda d: list(nested_from(d))),
                     ("for", lambda d: list(nested_for(d))),
                     ("await", lambda d: run_coro(nested_await(d)))):
        try:
            print(name, depth, fn(depth))
        except RecursionError as e:
            print(name, depth, "RecursionError:", e)


# The generator that hit the limit is finished; a fresh chain works again.
g = nested_from(3000)
try:
    next(g)
except RecursionError:
    print("recursion error, then", list(g), list(nested_from(10)))


def recurse_in_loop(n):
    for x in nested_from(5):
        pass
    return recurse_in_loop(n + 1)


try:
    recurse_in_loop(0)
except RecursionError as e:
    print("RecursionError:", e)
print(list(nested_from(50)))
