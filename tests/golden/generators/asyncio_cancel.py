# Task cancellation: CancelledError delivered at await, cleanup in finally, cancelled() state.
import asyncio
async def worker(log):
    try:
        while True:
            log.append("tick")
            await asyncio.sleep(0)
    except asyncio.CancelledError:
        log.append("cancelled")
        raise
    finally:
        log.append("finally")
async def main():
    log = []
    t = asyncio.create_task(worker(log))
    for _ in range(3):
        await asyncio.sleep(0)
    t.cancel("stop now")
    try:
        await t
    except asyncio.CancelledError as e:
        print("await raised CancelledError", e.args)
    print(log, t.cancelled(), t.done())
    async def swallow():
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            return "swallowed"
    t2 = asyncio.create_task(swallow())
    await asyncio.sleep(0)
    t2.cancel()
    print(await t2, t2.cancelled())
    try:
        async with asyncio.timeout(0):
            await asyncio.sleep(3600)
    except TimeoutError:
        print("timeout raised TimeoutError")
asyncio.run(main())
