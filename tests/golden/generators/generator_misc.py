# Misc generator behaviour: generators are iterators, iter(gen) is gen, generator in bool context, len error.
def g():
    yield from "abc"
it = g()
print(iter(it) is it, bool(it), hasattr(it, "__len__"))
try:
    len(it)
except TypeError as e:
    print(e)
print(next(it), list(zip(it, it)))
def counter(start=0):
    while True:
        start += 1
        yield start
c = counter()
print([next(c) for _ in range(3)], next(c))
import itertools
print(list(itertools.islice(counter(10), 2, 5)))
gen = (x for x in range(3))
print(2 in gen, list(gen))
def with_default_args(items=[]):
    items.append(len(items))
    yield list(items)
print(next(with_default_args()), next(with_default_args()))
