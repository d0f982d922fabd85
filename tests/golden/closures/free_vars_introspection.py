# co_freevars/co_cellvars/__closure__ and how comprehensions and lambdas create cells.
def outer(a):
    b = 2
    def inner(c):
        return a + b + c
    return inner
f = outer(1)
print(f.__code__.co_freevars, outer.__code__.co_cellvars, [c.cell_contents for c in f.__closure__], f(3))
def comp_closure():
    k = 10
    return [lambda: k for _ in range(2)]
print([g() for g in comp_closure()], comp_closure.__code__.co_cellvars)
def unused():
    x = 1
    def g():
        pass
    return g
print(unused().__closure__, unused.__code__.co_cellvars)
def arg_cell(x):
    return lambda: x
print(arg_cell(7)(), arg_cell.__code__.co_cellvars)
