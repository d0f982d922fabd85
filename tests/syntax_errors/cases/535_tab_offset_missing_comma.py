if x:
	f(a b)
