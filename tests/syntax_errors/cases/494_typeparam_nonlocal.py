def f[T]():
    def g():
        nonlocal T
        T = 1
    return g
class B[U]:
    nonlocal U
