def f():
    return foo(1,

def g():
    pass
