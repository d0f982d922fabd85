# Async generators: async for, asend/athrow/aclose, finalization, async comprehensions.
import asyncio
async def ticker(n):
    try:
        for i in range(n):
            await asyncio.sleep(0)
            yield i
    finally:
        print("ticker finally")
async def accum():
    total = 0
    while True:
        v = yield total
        total += v
async def main():
    async for t in ticker(3):
        print("tick", t)
    print([x async for x in ticker(2)])
    a = accum()
    print(await a.asend(None), await a.asend(5), await a.asend(10))
    try:
        await a.athrow(ValueError("boom"))
    except ValueError as e:
        print("athrow propagated", e)
    g = ticker(5)
    print(await anext(g))
    await g.aclose()
    print("closed")
    print(type(ticker).__name__, type(ticker(1)).__name__)
    async for t in ticker(10):
        if t == 1:
            break
    print("after break")
asyncio.run(main())
