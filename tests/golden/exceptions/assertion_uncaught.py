# Uncaught AssertionError with a message shows the assert statement in the traceback.
def check_positive(n):
    assert n > 0, f"expected positive, got {n}"
    return n
check_positive(5)
print("first check passed")
check_positive(-2)
