while x:
    pass
else:
    pass
else:
    pass
