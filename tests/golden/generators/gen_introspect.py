# gi_yieldfrom / gi_suspended / gi_running while a generator delegates with yield from.
def inner():
    yield 1
    yield 2
def outer():
    yield from inner()
    yield "own"
g = outer()
print(g.gi_yieldfrom, g.gi_suspended, g.gi_running)
next(g)
print(type(g.gi_yieldfrom).__name__, g.gi_yieldfrom.gi_suspended, g.gi_suspended)
next(g); next(g)
print(g.gi_yieldfrom, g.gi_suspended)
def watch():
    yield (it.gi_running, it.gi_suspended, it.gi_yieldfrom)
it = watch()
print(next(it))
list(g)
print(g.gi_yieldfrom, g.gi_suspended, g.gi_frame)
