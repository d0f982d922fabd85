# Async generators under asyncio: running state, concurrent anext, shutdown_asyncgens.
import asyncio

async def slow():
    try:
        while True:
            await asyncio.sleep(0)
            yield 1
    finally:
        print("slow finally")

async def main():
    g = slow()
    t = asyncio.ensure_future(g.__anext__())
    await asyncio.sleep(0)
    print("running", g.ag_running, type(g.ag_await).__name__)
    try:
        await g.__anext__()
    except RuntimeError as e:
        print(e)
    try:
        await g.aclose()
    except RuntimeError as e:
        print(e)
    print(await t)
    g2 = slow()
    await g2.__anext__()
    print("leaving main with unfinished g2")

asyncio.run(main())
print("after run")

async def bad():
    try:
        yield 1
    finally:
        await asyncio.sleep(0)
        print("awaited in finally")

async def main2():
    g = bad()
    await g.__anext__()
    await g.aclose()
    print("closed")
    try:
        await g.athrow(ValueError)
    except Exception as e:
        print(type(e).__name__)
asyncio.run(main2())
