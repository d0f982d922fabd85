# types.coroutine makes generator-based awaitables; inspect coroutine states; coroutine objects.
import types, inspect, asyncio
@types.coroutine
def legacy():
    v = yield "suspended"
    return f"legacy got {v}"
async def uses_legacy():
    return await legacy()
c = uses_legacy()
print(inspect.getcoroutinestate(c))
print(c.send(None))
print(inspect.getcoroutinestate(c))
try:
    c.send("value")
except StopIteration as e:
    print(e.value)
print(inspect.getcoroutinestate(c))
async def f():
    pass
co = f()
print(inspect.iscoroutine(co), inspect.iscoroutinefunction(f), inspect.isawaitable(co), co.cr_code.co_name, co.__qualname__)
co.close()
try:
    co.send(None)
except RuntimeError as e:
    print(e)
async def g():
    await asyncio.sleep(0)
co2 = g()
co2.send(None)
try:
    co2.throw(ValueError("into coroutine"))
except ValueError as e:
    print("throw:", e)
