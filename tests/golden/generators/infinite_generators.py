# Infinite generators consumed lazily: primes sieve, collatz, cycle with state, zip with range.
import itertools
def primes():
    found = []
    n = 2
    while True:
        if all(n % p for p in found if p * p <= n):
            found.append(n)
            yield n
        n += 1
print(list(itertools.islice(primes(), 20)))
def collatz(n):
    while n != 1:
        yield n
        n = n // 2 if n % 2 == 0 else 3 * n + 1
    yield 1
print(list(collatz(27))[:15], len(list(collatz(27))))
def round_robin(*iterables):
    iters = [iter(x) for x in iterables]
    while iters:
        for it in list(iters):
            try:
                yield next(it)
            except StopIteration:
                iters.remove(it)
print(list(round_robin("abc", "d", "ef")))
print(list(zip(range(3), itertools.count(10))), next(x for x in primes() if x > 100))
