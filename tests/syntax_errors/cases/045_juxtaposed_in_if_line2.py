x = 1
if x y:
    pass
