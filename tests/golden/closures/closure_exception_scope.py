# Closures over exception variables and loop variables after the block ends.
def capture_exc():
    fs = []
    try:
        raise ValueError("captured")
    except ValueError as e:
        saved = e
        fs.append(lambda: saved)
    return fs[0]()
print(repr(capture_exc()))
def capture_as_name():
    try:
        raise KeyError("k")
    except KeyError as err:
        f = lambda: err
    try:
        return f()
    except NameError as e:
        return f"NameError: {e}"
print(capture_as_name())
def loop_var():
    fs = []
    for i in range(3):
        fs.append(lambda: i)
    i = "rebound after loop"
    return [f() for f in fs]
print(loop_var())
def with_var():
    from contextlib import nullcontext
    with nullcontext("value") as v:
        g = lambda: v
    v = "changed"
    return g()
print(with_var())
