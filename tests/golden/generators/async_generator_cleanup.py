# Async generator finalization: aclose runs finally blocks that await; athrow into suspended generator.
import asyncio
async def resource(name):
    print("open", name)
    try:
        yield 1
        yield 2
    finally:
        await asyncio.sleep(0)
        print("close", name)
async def main2():
    g = resource("a")
    print(await g.__anext__())
    await g.aclose()
    print("after aclose")
    g2 = resource("b")
    await g2.__anext__()
    try:
        await g2.athrow(KeyError("thrown"))
    except KeyError as e:
        print("athrow raised", e)
    from contextlib import aclosing
    async with aclosing(resource("c")) as g3:
        async for v in g3:
            print("got", v)
            break
    print("aclosing done")
asyncio.run(main2())
