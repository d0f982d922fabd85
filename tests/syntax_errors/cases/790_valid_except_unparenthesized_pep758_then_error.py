try:
    pass
except ValueError, TypeError:
    pass
f() = 1
