# asyncio.gather with return_exceptions, exception propagation, and task results order.
import asyncio
async def ok(v):
    await asyncio.sleep(0)
    return v
async def bad(msg):
    await asyncio.sleep(0)
    raise ValueError(msg)
async def main():
    print(await asyncio.gather(ok(1), bad("x"), ok(3), return_exceptions=True))
    try:
        await asyncio.gather(ok(1), bad("first"), ok(3))
    except ValueError as e:
        print("gather raised", e)
    results = await asyncio.gather(*(ok(i) for i in range(5)))
    print(results)
    print(await asyncio.gather())
    t = asyncio.ensure_future(ok("ensured"))
    print(await t, t.done(), t.result())
    async def nested():
        return await asyncio.gather(ok("a"), asyncio.gather(ok("b"), ok("c")))
    print(await nested())
asyncio.run(main())
try:
    asyncio.run(bad("top-level"))
except ValueError as e:
    print("asyncio.run propagated", e)
