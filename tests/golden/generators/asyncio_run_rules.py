# asyncio.run rules: return values, nested run errors, get_running_loop outside a loop, coroutine checks.
import asyncio
async def value():
    return "value"
print(asyncio.run(value()))
async def nested():
    c = value()
    try:
        asyncio.run(c)
    except RuntimeError as e:
        print(e)
    finally:
        c.close()
asyncio.run(nested())
try:
    asyncio.get_running_loop()
except RuntimeError as e:
    print(e)
try:
    asyncio.run(value)
except TypeError as e:
    print(e)
async def loop_check():
    loop = asyncio.get_running_loop()
    return loop.is_running()
print(asyncio.run(loop_check()))
import inspect
print(inspect.iscoroutinefunction(value))
