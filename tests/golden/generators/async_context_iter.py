# async with and async for on custom classes; contextlib.asynccontextmanager; exceptions through them.
import asyncio
from contextlib import asynccontextmanager
class Conn:
    async def __aenter__(self):
        print("open")
        await asyncio.sleep(0)
        return self
    async def __aexit__(self, et, ev, tb):
        print("close", et.__name__ if et else None)
        return et is KeyError
class Rows:
    def __init__(self, n): self.n, self.i = n, 0
    def __aiter__(self): return self
    async def __anext__(self):
        if self.i == self.n:
            raise StopAsyncIteration
        self.i += 1
        return f"row{self.i}"
@asynccontextmanager
async def session(name):
    print("session start", name)
    try:
        yield name.upper()
    finally:
        print("session end", name)
async def main():
    async with Conn() as c:
        async for row in Rows(2):
            print(row)
    async with Conn():
        raise KeyError("suppressed")
    try:
        async with Conn():
            raise ValueError("escapes")
    except ValueError as e:
        print("caught", e)
    async with session("s1") as s, session("s2") as t:
        print("inside", s, t)
    try:
        async with 5:
            pass
    except TypeError as e:
        print(e)
    try:
        async for _ in [1]:
            pass
    except TypeError as e:
        print(e)
asyncio.run(main())
