# asyncio.TaskGroup: results, failing task cancels siblings, errors collected into an ExceptionGroup.
import asyncio
async def ok(name, steps):
    for _ in range(steps):
        await asyncio.sleep(0)
    return name
async def fail(msg, steps):
    for _ in range(steps):
        await asyncio.sleep(0)
    raise ValueError(msg)
async def sleeper():
    try:
        await asyncio.sleep(3600)
    except asyncio.CancelledError:
        print("sleeper cancelled")
        raise
async def main():
    async with asyncio.TaskGroup() as tg:
        t1 = tg.create_task(ok("one", 1))
        t2 = tg.create_task(ok("two", 2))
    print(t1.result(), t2.result())
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(sleeper())
            tg.create_task(fail("first failure", 1))
            tg.create_task(fail("second failure", 1))
    except* ValueError as eg:
        print(sorted(str(e) for e in eg.exceptions))
asyncio.run(main())
