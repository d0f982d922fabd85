class X[T: (await 42)]: pass
