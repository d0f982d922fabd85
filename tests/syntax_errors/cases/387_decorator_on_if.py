@dec
if x:
    pass
