for x in *a, *b:
    pass
x[*a, 1] = 2
del (a), [b]
f() = 1
