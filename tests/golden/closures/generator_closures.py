# Generators closing over enclosing variables see later changes; generators as closures' state.
def make():
    n = 1
    def gen():
        while True:
            yield n
    g = gen()
    first = next(g)
    n = 2
    return first, next(g)
print(make())
def fib_gen_factory(limit):
    def gen():
        a, b = 0, 1
        while a < limit:
            yield a
            a, b = b, a + b
    return gen
f = fib_gen_factory(50)
print(list(f()), list(f()))
