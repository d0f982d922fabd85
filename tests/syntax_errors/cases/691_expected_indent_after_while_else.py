while a:
    pass
else:
x
