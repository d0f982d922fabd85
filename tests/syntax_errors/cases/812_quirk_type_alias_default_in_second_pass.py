type A[T = str] = list[T]
f() = 1
