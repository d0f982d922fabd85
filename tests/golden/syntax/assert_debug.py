# assert statements and __debug__.
print(__debug__)
assert True
assert 1 == 1, "never"
try:
    assert 1 == 2, "custom message"
except AssertionError as e:
    print("AssertionError:", e, e.args)
try:
    assert []
except AssertionError as e:
    print("no message:", repr(e), e.args)
def msg():
    print("message evaluated")
    return "lazy"
assert 1, msg()
try:
    assert 0, msg()
except AssertionError as e:
    print(e)
try:
    assert False, ("tuple", 1)
except AssertionError as e:
    print(e.args)
