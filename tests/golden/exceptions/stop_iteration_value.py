# StopIteration.value from generator return, next() and manual raising.
def gen():
    yield 1
    return "result"
g = gen()
next(g)
try:
    next(g)
except StopIteration as e:
    print(repr(e.value), e.args)
try:
    next(iter([]))
except StopIteration as e:
    print(repr(e.value), e.args)
e = StopIteration(1, 2)
print(e.value, e.args)
print(StopIteration().value)
def gen_none():
    return
    yield
try:
    next(gen_none())
except StopIteration as e:
    print(e.value, e.args)
def gen_tuple():
    return (1, 2)
    yield
try:
    next(gen_tuple())
except StopIteration as e:
    print(e.value, e.args)
