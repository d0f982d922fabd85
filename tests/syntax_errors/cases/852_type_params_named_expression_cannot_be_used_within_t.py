class X[T](y := Sequence[T]): pass
