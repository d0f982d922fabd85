# global and nonlocal declarations.
counter = 0
def inc():
    global counter
    counter += 1
inc(); inc()
print(counter)
def make():
    x = 0
    def bump():
        nonlocal x
        x += 1
        return x
    def get():
        return x
    return bump, get
b, g = make()
b(); b()
print(g())
def outer():
    v = "outer"
    def mid():
        def inner():
            nonlocal v
            v = "changed"
        inner()
    mid()
    return v
print(outer())
def define_global():
    global newname
    newname = "created"
define_global()
print(newname)
def shadow():
    counter = 100
    def f():
        global counter
        return counter
    return f()
print(shadow())
x = "module"
class C:
    x = "class"
    def m(self):
        return x
print(C().m())
