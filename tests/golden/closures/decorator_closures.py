# Decorators built from closures: state per decorated function, parameterized decorators, stacking.
import functools
def call_counter(fn):
    count = 0
    @functools.wraps(fn)
    def wrapper(*a, **k):
        nonlocal count
        count += 1
        print(f"{fn.__name__} call #{count}")
        return fn(*a, **k)
    wrapper.get_count = lambda: count
    return wrapper
@call_counter
def hello(name):
    return f"hello {name}"
@call_counter
def bye():
    return "bye"
print(hello("a"), hello("b"), bye(), hello.get_count(), bye.get_count())
def retry(times):
    def deco(fn):
        @functools.wraps(fn)
        def wrapper(*a):
            for attempt in range(1, times + 1):
                try:
                    return fn(*a)
                except ValueError as e:
                    print(f"attempt {attempt} failed: {e}")
            return "gave up"
        return wrapper
    return deco
state = {"n": 0}
@retry(3)
def flaky():
    state["n"] += 1
    if state["n"] < 3:
        raise ValueError(f"n={state['n']}")
    return "success"
print(flaky())
@retry(2)
def always_fails():
    raise ValueError("nope")
print(always_fails(), always_fails.__name__, always_fails.__wrapped__.__name__)
