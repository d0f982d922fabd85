type A[T: (int, (yield 3))] = int
