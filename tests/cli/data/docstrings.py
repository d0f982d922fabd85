def f():
    "the doc"
    assert False, "asserts run"
    return 1

print(__debug__, f.__doc__)
try:
    f()
except AssertionError as e:
    print("AssertionError:", e)
