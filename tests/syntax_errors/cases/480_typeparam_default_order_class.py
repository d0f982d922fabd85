class A[T = int, *Ts]:
    pass
