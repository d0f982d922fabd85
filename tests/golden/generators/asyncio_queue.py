# asyncio.Queue producer/consumer with deterministic interleaving, join and task_done.
import asyncio
async def producer(q, n):
    for i in range(n):
        await q.put(i)
        print("put", i)
    await q.put(None)
async def consumer(q, out):
    while True:
        item = await q.get()
        q.task_done()
        if item is None:
            break
        print("got", item)
        out.append(item * item)
async def main():
    q = asyncio.Queue(maxsize=2)
    out = []
    await asyncio.gather(producer(q, 5), consumer(q, out))
    await q.join()
    print(out, q.empty(), q.qsize())
    lq = asyncio.LifoQueue()
    for i in range(3):
        lq.put_nowait(i)
    print([lq.get_nowait() for _ in range(3)])
    pq = asyncio.PriorityQueue()
    for item in [(3, "c"), (1, "a"), (2, "b")]:
        pq.put_nowait(item)
    print([pq.get_nowait()[1] for _ in range(3)])
    try:
        asyncio.Queue().get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")
asyncio.run(main())
