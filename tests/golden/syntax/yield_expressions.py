# yield as an expression: value sent in, yield in various syntactic positions.
def g():
    x = yield 1
    print("got", x)
    y = (yield x * 2) + 1
    print("y", y)
    z = yield
    print("z", z)
    return "done"
it = g()
print(next(it))
print(it.send(10))
print(it.send(5))
try:
    it.send("last")
except StopIteration as e:
    print("stop", e.value)
def h():
    print((yield), (yield "b"))
it = h()
next(it)
print(it.send("first"))
try:
    it.send("second")
except StopIteration:
    print("finished")
def args_gen():
    print("args", (yield "a"), (yield "b"))
gen = args_gen()
print(next(gen), gen.send(1))
try:
    gen.send(2)
except StopIteration:
    pass
