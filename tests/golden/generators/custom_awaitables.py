# Awaiting custom objects with __await__, generator-based awaitables, and errors for non-awaitables.
import asyncio
class Value:
    def __init__(self, v): self.v = v
    def __await__(self):
        yield from asyncio.sleep(0).__await__()
        return self.v * 2
class Immediate:
    def __await__(self):
        return iter([])
class BadAwait:
    def __await__(self):
        return 5
async def main():
    print(await Value(21))
    print(await Immediate())
    try:
        await BadAwait()
    except TypeError as e:
        print(e)
    try:
        await 5
    except TypeError as e:
        print(e)
    fut = asyncio.get_running_loop().create_future()
    asyncio.get_running_loop().call_soon(fut.set_result, "future value")
    print(await fut)
asyncio.run(main())
async def coro():
    return 1
c = coro()
print(type(c.__await__()).__name__)
try:
    c.send(None)
except StopIteration as e:
    print("coroutine result via send:", e.value)
