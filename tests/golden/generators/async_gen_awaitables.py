# Async generator awaitables: reprs, abc/inspect views, athrow deprecation, never-awaited warnings.
import collections.abc, inspect, types, gc, warnings, sys
async def f():
    try:
        yield 1
        yield 2
    finally:
        print("fin")
g = f()
print(repr(g).split(" at ")[0], repr(g.__anext__()).split(" at ")[0], repr(g.aclose()).split(" at ")[0])
print(isinstance(g, collections.abc.AsyncGenerator), isinstance(g, types.AsyncGeneratorType), inspect.isasyncgen(g))
print(inspect.getasyncgenstate(g))
a = g.__anext__()
try: a.send(None)
except StopIteration as e: print("val", e.value)
print(inspect.getasyncgenstate(g), g.ag_suspended, g.ag_frame is not None)
del g, a
gc.collect()
print("after collect")
g = f()
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    t = g.athrow(ValueError, ValueError("x"), None)
    print([str(x.message) for x in w])
try: t.send(None)
except ValueError as e: print("VE", e)
print(inspect.getasyncgenstate(g))
a = f().asend(1)
try: a.send(None)
except TypeError as e: print(e)
a = f().__anext__()
try: a.throw(KeyError("k"))
except KeyError as e: print("KE", e)
try: a.send(None)
except RuntimeError as e: print(e)
a = f().__anext__()
print(a.close(), a.close())
