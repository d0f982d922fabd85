g = lambda: x = 1
