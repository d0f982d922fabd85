# functools: reduce, partial, lru_cache (hits/misses), cache, wraps, singledispatch, cmp_to_key.
import functools
print(functools.reduce(lambda a, b: a * b, range(1, 6)), functools.reduce(lambda a, b: a + b, [], "init"))
try:
    functools.reduce(lambda a, b: a, [])
except TypeError as e:
    print(e)
p = functools.partial(int, base=2)
print(p("1010"), p.func.__name__, p.args, p.keywords, repr(functools.partial(max, 1)))
@functools.lru_cache(maxsize=2)
def sq(x):
    print("computing", x)
    return x * x
print(sq(2), sq(2), sq(3), sq(4), sq(2))
print(sq.cache_info())
sq.cache_clear()
print(sq.cache_info())
@functools.cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(100))
@functools.singledispatch
def describe(x):
    return "object"
@describe.register
def _(x: int):
    return "int"
@describe.register(list)
def _(x):
    return "list"
print(describe(1), describe([]), describe("s"), describe(True))
def cmp(a, b):
    return (a > b) - (a < b)
print(sorted([3, 1, 2], key=functools.cmp_to_key(lambda a, b: cmp(b, a))))
class P:
    @functools.partialmethod
    def m(self, a, b):
        return a + b
print(functools.reduce(lambda acc, x: acc + [x * 2], [1, 2, 3], []))
