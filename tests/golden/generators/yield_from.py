# yield from: delegation, return values, send/throw passthrough, iterables.
def sub():
    x = yield "sub-1"
    print("sub received", x)
    y = yield "sub-2"
    print("sub received", y)
    return "sub-result"
def main():
    result = yield from sub()
    print("main got", result)
    yield from [10, 20]
    yield from range(2)
    return "main-result"
g = main()
print(next(g))
print(g.send("a"))
print(g.send("b"))
print(list(g))
def catcher():
    try:
        yield 1
    except ValueError:
        yield "caught in sub"
def delegator():
    yield from catcher()
    yield "after"
d = delegator()
next(d)
print(d.throw(ValueError), next(d))
def closing_sub():
    try:
        yield 1
    finally:
        print("sub finally on close")
def outer():
    yield from closing_sub()
o = outer()
next(o)
o.close()
def flatten(x):
    for item in x:
        if isinstance(item, list):
            yield from flatten(item)
        else:
            yield item
print(list(flatten([1, [2, [3, [4]], 5], [[6]]])))
def gen_ret():
    return (yield from ())
try:
    next(gen_ret())
except StopIteration as e:
    print("empty yield from returns", e.value)
