if x:
	if y:
		pass
	else:
		pass
f() = 1
