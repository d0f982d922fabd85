match(x)
f() = 1
