# Raising an exception class (instantiated implicitly) with no message; uncaught from a lambda.
check = lambda v: v if v > 0 else (_ for _ in ()).throw(ValueError)
print(check(1))
check(-1)
