x = 0
def f():
    y = 1
    def g():
        global x
        nonlocal y
        x = y = 2
    return g
f() = 1
