y = 1
x = b'\d'
