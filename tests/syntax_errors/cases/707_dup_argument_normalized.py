def f(ﬁ, fi):
    pass
