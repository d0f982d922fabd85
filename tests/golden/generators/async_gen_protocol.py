# Async generator protocol: asend/athrow/aclose awaitables driven by hand and by asyncio.
import asyncio, sys, gc

async def agen():
    try:
        x = yield 1
        print("got", x)
        yield x * 2
    except ValueError as e:
        print("caught", repr(e))
        yield "recovered"
    finally:
        print("finally")

def drive(aw, send=None):
    try:
        aw.send(send)
    except StopIteration as e:
        return ("stop", e.value)
    except BaseException as e:
        return ("exc", type(e).__name__, str(e))
    return ("pending",)

g = agen()
print(type(g).__name__, g.__aiter__() is g, g.ag_running, g.ag_await, type(g.ag_code).__name__)
a = g.__anext__()
print(type(a).__name__, a.__await__() is a, iter(a) is a)
print(drive(a))
print(drive(a))
print(drive(g.asend(21)))
print(drive(g.athrow(ValueError("boom"))))
print(drive(g.aclose()))
print(drive(g.__anext__()))
print(drive(g.aclose()))

async def ignores():
    try:
        yield 1
    except GeneratorExit:
        yield 2
g = ignores()
print(drive(g.__anext__()))
print(drive(g.aclose()))

async def simple():
    yield 1
g = simple()
print(drive(g.aclose()))
print(drive(g.__anext__()))

async def stop_inside():
    yield 1
    raise StopAsyncIteration
g = stop_inside()
print(drive(g.__anext__()))
print(drive(g.__anext__()))

a = simple().__anext__()
print(drive(a), drive(a))

async def co():
    return 5
c = co()
w = c.__await__()
print(type(w).__name__, iter(w) is w)
try:
    next(w)
except StopIteration as e:
    print("coro value", e.value)

events = []
def firstiter(ag):
    events.append(("first", ag.__name__))
def finalizer(ag):
    events.append(("final", ag.__name__))
old = sys.get_asyncgen_hooks()
sys.set_asyncgen_hooks(firstiter, finalizer)
async def hooked():
    yield 1
    yield 2
h = hooked()
print(drive(h.__anext__()))
del h
gc.collect()
sys.set_asyncgen_hooks(*old)
print(events)

async def main():
    out = [v async for v in agen2()]
    print(out)
    g = agen2()
    print(await g.__anext__(), await g.asend(None))
    await g.aclose()
    print(await anext(g, "dflt"))
async def agen2():
    for i in range(3):
        await asyncio.sleep(0)
        yield i
asyncio.run(main())
