# Closures created in loops, comprehensions, and with default arguments vs functools.partial.
import functools
handlers = {}
for name in ["a", "b", "c"]:
    def handler(n=name):
        return f"handler {n}"
    handlers[name] = handler
print([h() for h in handlers.values()])
late = {name: (lambda: name) for name in "xyz"}
print([f() for f in late.values()])
bound = [functools.partial(lambda n: n * 2, i) for i in range(3)]
print([b() for b in bound])
def make_adders():
    adders = []
    for i in range(3):
        def make(i):
            return lambda x: x + i
        adders.append(make(i))
    return adders
print([a(10) for a in make_adders()])
i = "global i"
fs = [lambda: i for i in range(2)]
print([f() for f in fs], i)
