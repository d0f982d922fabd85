# Scoping errors raised at runtime: UnboundLocalError, NameError, free variable before assignment.
x = 1
def f():
    print(x)
    x = 2
try:
    f()
except UnboundLocalError as e:
    print(type(e).__name__, e)
def g():
    def inner():
        return y
    try:
        return inner()
    except NameError as e:
        return f"{type(e).__name__}: {e}"
    y = 1
print(g())
def h():
    del undefined_local
    undefined_local = 1
try:
    h()
except UnboundLocalError as e:
    print(e)
try:
    never_defined
except NameError as e:
    print(e)
def k():
    z = 1
    del z
    return z
try:
    k()
except UnboundLocalError as e:
    print(e)
