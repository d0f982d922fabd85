# Closures capture variables (cells), not values; cell contents visible via __closure__.
def make_multiplier(k):
    def mul(x):
        return x * k
    return mul
double, triple = make_multiplier(2), make_multiplier(3)
print(double(5), triple(5), double.__closure__[0].cell_contents, mul_free := double.__code__.co_freevars)
def late_binding():
    fs = []
    for i in range(3):
        fs.append(lambda: i)
    return [f() for f in fs]
print(late_binding())
def early_binding():
    return [(lambda i=i: i)() for i in range(3)]
print(early_binding())
def shared_cell():
    x = 1
    def get(): return x
    def set_(v):
        nonlocal x
        x = v
    return get, set_
get, set_ = shared_cell()
set_(42)
print(get(), get.__closure__[0] is set_.__closure__[0])
def no_closure(): return 1
print(no_closure.__closure__, make_multiplier.__code__.co_cellvars)
