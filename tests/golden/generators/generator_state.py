# Generator introspection: gi_running, gi_frame, gi_suspended, inspect.getgeneratorstate, re-entrancy.
import inspect
def g():
    print("running inside:", gen.gi_running)
    yield 1
    yield 2
gen = g()
print(inspect.getgeneratorstate(gen), gen.gi_running, gen.gi_frame is not None)
next(gen)
print(inspect.getgeneratorstate(gen), gen.gi_suspended, gen.gi_frame.f_lineno)
list(gen)
print(inspect.getgeneratorstate(gen), gen.gi_frame)
def reenter():
    yield next(r)
r = reenter()
try:
    next(r)
except ValueError as e:
    print(e)
print(g.__name__, gen.__name__, gen.__qualname__, type(gen).__name__, inspect.isgenerator(gen), inspect.isgeneratorfunction(g))
print(gen.gi_code.co_name, gen.gi_yieldfrom)
