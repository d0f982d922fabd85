# asyncio.Lock, Event, Semaphore, Condition with deterministic ordering.
import asyncio
async def main():
    lock = asyncio.Lock()
    order = []
    async def critical(name):
        async with lock:
            order.append(f"{name} in")
            await asyncio.sleep(0)
            order.append(f"{name} out")
    await asyncio.gather(critical("a"), critical("b"), critical("c"))
    print(order)
    ev = asyncio.Event()
    async def waiter(i):
        await ev.wait()
        return f"waiter {i} released"
    tasks = [asyncio.create_task(waiter(i)) for i in range(3)]
    await asyncio.sleep(0)
    print(ev.is_set())
    ev.set()
    print(await asyncio.gather(*tasks))
    sem = asyncio.Semaphore(2)
    active, peak = 0, 0
    async def limited():
        nonlocal active, peak
        async with sem:
            active += 1
            peak = max(peak, active)
            await asyncio.sleep(0)
            active -= 1
    await asyncio.gather(*(limited() for _ in range(6)))
    print("peak concurrency", peak)
    cond = asyncio.Condition()
    items = []
    async def consume():
        async with cond:
            await cond.wait_for(lambda: items)
            return items.pop()
    c = asyncio.create_task(consume())
    await asyncio.sleep(0)
    async with cond:
        items.append("item")
        cond.notify()
    print(await c)
asyncio.run(main())
