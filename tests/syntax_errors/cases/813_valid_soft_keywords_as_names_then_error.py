match, case, type, _ = 1, 2, 3, 4
print(match, case, type)
type(x)
f() = 1
