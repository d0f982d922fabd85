# return values of generators: StopIteration.value, in for loops (lost), with yield from.
def g():
    yield 1
    return 42
print(list(g()))
it = g()
next(it)
try:
    next(it)
except StopIteration as e:
    print(e.value)
def wrapper():
    v = yield from g()
    yield f"inner returned {v}"
print(list(wrapper()))
def early(n):
    for i in range(n):
        if i == 2:
            return "stopped early"
        yield i
print(list(early(5)))
def raising_stop():
    yield 1
    raise StopIteration("explicit")
try:
    list(raising_stop())
except RuntimeError as e:
    print(type(e).__name__, e, type(e.__cause__).__name__)
