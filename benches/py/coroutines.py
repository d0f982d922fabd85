"""coroutines: async/await driven by a tiny hand-written round-robin scheduler.

Measures coroutine creation, `await` of coroutines (recursive async fib), custom
awaitables that suspend (a `yield` inside __await__), coroutine send(),
async generators consumed with `async for`, and async context managers.
No asyncio: the scheduler is a deque of coroutines stepped with send(None).
Size: number of concurrent tasks.
"""
import sys
from collections import deque


class Yield:
    """Awaitable that suspends the running task once (back to the scheduler)."""
    __slots__ = ()

    def __await__(self):
        yield None


SWITCH = Yield()


async def fib(n):
    if n < 2:
        return n
    return await fib(n - 1) + await fib(n - 2)


async def ticker(k):
    for i in range(k):
        await SWITCH
        yield i * i


class Resource:
    opened = 0

    async def __aenter__(self):
        Resource.opened += 1
        await SWITCH
        return self

    async def __aexit__(self, *exc):
        Resource.opened -= 1
        return False


async def task(i, results):
    total = await fib(10 + i % 5)
    async with Resource():
        async for v in ticker(20):
            total += v
    for _ in range(10):
        await SWITCH
        total += 1
    results.append((i, total))


def run(tasks):
    ready = deque(tasks)
    steps = 0
    while ready:
        coro = ready.popleft()
        try:
            coro.send(None)
        except StopIteration:
            continue
        steps += 1
        ready.append(coro)
    return steps


def main(n):
    results = []
    steps = run([task(i, results) for i in range(n)])
    checksum = 0
    for i, total in results:
        checksum = (checksum * 31 + i * total) % 1000000007
    print("coroutines n=%d steps=%d done=%d checksum=%d open=%d"
          % (n, steps, len(results), checksum, Resource.opened))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
