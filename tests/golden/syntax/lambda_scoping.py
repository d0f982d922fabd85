# Lambdas in classes, default args evaluated at definition, closures over loop variables.
class K:
    factor = 3
    scale = lambda self, v: v * self.factor
print(K().scale(2))
def maker():
    return [lambda x, i=i: x + i for i in range(3)]
print([f(10) for f in maker()])
y = 1
f = lambda: y
y = 2
print(f())
g = lambda n: 1 if n <= 1 else n * g(n - 1)
print(g(10))
print((lambda a, b=2, *c, d, **e: (a, b, c, d, e))(1, d=4))
