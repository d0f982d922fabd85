g = lambda (x, y): x
