# concurrent.futures.ThreadPoolExecutor: map preserves order, submit/result, exceptions, as_completed set.
from concurrent.futures import ThreadPoolExecutor, as_completed, wait, ALL_COMPLETED
def square(x):
    return x * x
def fail(x):
    raise ValueError(f"bad {x}")
with ThreadPoolExecutor(max_workers=4) as ex:
    print(list(ex.map(square, range(10))))
    futs = [ex.submit(square, i) for i in range(5)]
    print([f.result() for f in futs])
    print(sorted(f.result() for f in as_completed(futs)))
    bad = ex.submit(fail, 7)
    try:
        bad.result()
    except ValueError as e:
        print("result raised", e, type(bad.exception()).__name__)
    done, not_done = wait(futs, return_when=ALL_COMPLETED)
    print(len(done), len(not_done), all(f.done() for f in futs))
    try:
        list(ex.map(fail, [1, 2]))
    except ValueError as e:
        print("map raised", e)
    print(list(ex.map(pow, [2, 3], [3, 2])))
try:
    ex.submit(square, 1)
except RuntimeError as e:
    print(e)
