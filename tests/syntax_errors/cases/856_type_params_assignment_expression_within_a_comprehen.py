type T = [(x := 3) for _ in range(2)]
