def f(a): global a; a = 1
