# async def/await/async for/async with/async comprehensions, driven by asyncio.run.
import asyncio
class ACM:
    async def __aenter__(self):
        print("enter")
        return "resource"
    async def __aexit__(self, et, ev, tb):
        print("exit", et.__name__ if et else None)
        return False
class Counter:
    def __init__(self, n):
        self.i, self.n = 0, n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        await asyncio.sleep(0)
        return self.i
async def agen(n):
    for i in range(n):
        yield i * 10
async def helper(x):
    await asyncio.sleep(0)
    return x + 1
async def main():
    async with ACM() as r:
        print("got", r)
    async for v in Counter(3):
        print("counter", v)
    print([x async for x in agen(3)])
    print([await helper(i) for i in range(3)])
    print({x: x async for x in agen(2) if x})
    print(await helper(41))
    print(type(helper(0)).__name__ if False else "coro-skip")
    try:
        async with ACM():
            raise ValueError
    except ValueError:
        print("propagated")
asyncio.run(main())
c = helper(1)
print(type(c).__name__)
c.close()
