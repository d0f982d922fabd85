def f[T](y: (x := Sequence[T])): pass
