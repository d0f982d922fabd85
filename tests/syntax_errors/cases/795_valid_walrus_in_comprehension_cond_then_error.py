ys = [y for x in z if (y := x)]
f() = 1
