print("heavy module loaded")
DATA = [1, 2, 3]
