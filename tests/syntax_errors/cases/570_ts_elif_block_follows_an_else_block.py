if a % 2 == 0:
    pass
else:
    pass
elif a % 2 == 1:
    pass
