async def f():
    return [x async for x in y if await x], {await k: v for k, v in w}
f() = 1
