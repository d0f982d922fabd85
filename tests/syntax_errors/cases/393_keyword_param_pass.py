def f(pass):
    pass
