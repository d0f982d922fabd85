g = lambda (x): x
