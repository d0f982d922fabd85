def f[T: [(x := 3) for _ in range(2)]](): pass
