@buttons[0].clicked.connect
def f(): pass
@(lambda f: f)
def g(): pass
f() = 1
