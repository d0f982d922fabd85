f((x for x in y))
f(x for x in y, )
