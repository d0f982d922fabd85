# throw() and close() on generators suspended inside `yield from` chains whose inner
# generators were resumed in line by SEND.
import sys
import traceback


def inner(log):
    try:
        x = yield "i1"
        log.append(("inner got", x))
        yield "i2"
    except KeyError as e:
        log.append(("inner caught", repr(e)))
        yield "i-caught"
    except GeneratorExit:
        log.append(("inner closing",))
        raise
    finally:
        log.append(("inner finally",))
    return "inner-done"


def middle(log):
    r = yield from inner(log)
    log.append(("middle r", r))
    yield "m1"
    return "middle-done"


def outer(log):
    try:
        r = yield from middle(log)
        log.append(("outer r", r))
        yield "o1"
    finally:
        log.append(("outer finally",))


log = []
g = outer(log)
print(next(g), g.send("s"), g.throw(KeyError("k")), next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("stop", e.value)
print(log)

log = []
g = outer(log)
print(next(g))
g.close()
print(log, g.gi_frame)

log = []
g = outer(log)
print(next(g))
try:
    g.throw(ValueError("v"))
except ValueError:
    traceback.print_exc(file=sys.stdout)
print(log, g.gi_frame)


def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2


def wraps_stubborn():
    yield from stubborn()


g = wraps_stubborn()
next(g)
try:
    g.close()
except RuntimeError as e:
    print("close:", e)


class Awaitable:
    def __await__(self):
        try:
            v = yield "suspended"
        except KeyError as e:
            return "caught " + repr(e)
        return v


async def coro():
    r = await Awaitable()
    return r


async def outer_coro():
    return await coro()


c = outer_coro()
print(c.send(None))
try:
    c.throw(KeyError("t"))
except StopIteration as e:
    print("coroutine returned", e.value)

c = outer_coro()
print(c.send(None))
try:
    c.send("plain")
except StopIteration as e:
    print("coroutine returned", e.value)
c = outer_coro()
c.send(None)
c.close()
print("closed", c.cr_frame)
