# Coroutines with asyncio.run: await chains, gather order, create_task, sleep(0) interleaving.
import asyncio
async def step(name, n):
    for i in range(n):
        print(f"{name} step {i}")
        await asyncio.sleep(0)
    return f"{name} done"
async def main():
    r = await step("direct", 1)
    print(r)
    results = await asyncio.gather(step("a", 2), step("b", 3), step("c", 1))
    print(results)
    t = asyncio.create_task(step("task", 2))
    print("task created")
    await asyncio.sleep(0)
    print("main resumed")
    print(await t)
    return "main result"
print(asyncio.run(main()))
async def add(a, b):
    return a + b
async def chain():
    return await add(await add(1, 2), await add(3, 4))
print(asyncio.run(chain()))
