# An exception raised in finally while another propagates: both are shown, chained by context.
def f():
    try:
        raise KeyError("original")
    finally:
        print("cleanup")
        {}["from finally"]
f()
