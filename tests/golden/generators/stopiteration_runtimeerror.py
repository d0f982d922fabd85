# PEP 479: StopIteration escaping a generator becomes RuntimeError; in plain iterators it stops.
def leaky():
    yield 1
    next(iter([]))
    yield 2
try:
    print(list(leaky()))
except RuntimeError as e:
    print("RuntimeError:", e, "| cause:", type(e.__cause__).__name__)
class It:
    def __init__(self): self.i = 0
    def __iter__(self): return self
    def __next__(self):
        self.i += 1
        if self.i > 2:
            next(iter([]))
        return self.i
print(list(It()))
async def agen():
    yield 1
    raise StopAsyncIteration
import asyncio
async def main():
    try:
        async for x in agen():
            print("async got", x)
    except RuntimeError as e:
        print("async RuntimeError:", e)
asyncio.run(main())
g = (next(iter([])) for _ in range(3))
try:
    list(g)
except RuntimeError as e:
    print("genexp:", e)
