# aiter() and anext() builtins, with default, on async generators and custom async iterators.
import asyncio
async def agen():
    yield 1
    yield 2
class AIt:
    def __init__(self):
        self.n = 0
    def __aiter__(self):
        return self
    async def __anext__(self):
        self.n += 1
        if self.n > 2:
            raise StopAsyncIteration
        return self.n * 100
async def main():
    it = aiter(agen())
    print(await anext(it), await anext(it), await anext(it, "done"))
    try:
        await anext(it)
    except StopAsyncIteration:
        print("StopAsyncIteration")
    c = AIt()
    print(aiter(c) is c, await anext(c), await anext(c), await anext(c, None))
    try:
        aiter(5)
    except TypeError as e:
        print(e)
    try:
        await anext(5)
    except TypeError as e:
        print(e)
asyncio.run(main())
