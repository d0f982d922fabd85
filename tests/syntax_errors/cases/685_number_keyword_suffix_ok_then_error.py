x = [0x1for x in y]
z = 1__1
