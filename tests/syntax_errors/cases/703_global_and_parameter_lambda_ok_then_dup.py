f = lambda a, b=1, *c, d, **e: 0
g = lambda a, *, a: 0
