# generator.throw and close: handling inside, GeneratorExit, finally blocks, yielding during close.
def worker():
    try:
        while True:
            try:
                x = yield
                print("got", x)
            except ValueError as e:
                print("handled", e)
                yield "recovered"
    finally:
        print("worker cleanup")
w = worker()
next(w)
w.send(1)
print(w.throw(ValueError("bad")))
next(w)
w.close()
print("closed")
w.close()
def unhandled():
    yield 1
    yield 2
u = unhandled()
next(u)
try:
    u.throw(KeyError("k"))
except KeyError as e:
    print("propagated", e)
try:
    next(u)
except StopIteration:
    print("dead after throw")
def stubborn():
    try:
        yield 1
    except GeneratorExit:
        print("got GeneratorExit")
        yield 2
s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print(e)
def returns_on_close():
    try:
        yield
    except GeneratorExit:
        return "close value"
r = returns_on_close()
next(r)
print(r.close())
fresh = unhandled()
fresh.close()
print(list(fresh))
t = unhandled()
try:
    t.throw(TypeError)
except TypeError:
    print("throw into unstarted generator raises at start")
try:
    next(unhandled()).throw
except AttributeError as e:
    print(e)
