# Generator-based push pipelines using send (classic coroutine pattern).
def coroutine(fn):
    def start(*a):
        g = fn(*a)
        next(g)
        return g
    return start
@coroutine
def sink(results):
    while True:
        results.append((yield))
@coroutine
def filter_even(target):
    while True:
        v = yield
        if v % 2 == 0:
            target.send(v)
@coroutine
def scale(k, target):
    while True:
        target.send((yield) * k)
out = []
pipe = scale(10, filter_even(sink(out)))
for i in range(6):
    pipe.send(i)
print(out)
pipe.close()
@coroutine
def counter():
    count = 0
    try:
        while True:
            cmd = yield count
            if cmd == "reset":
                count = 0
            else:
                count += 1
    except GeneratorExit:
        print("counter closing at", count)
c = counter()
print(c.send("inc"), c.send("inc"), c.send("reset"), c.send("inc"))
c.close()
