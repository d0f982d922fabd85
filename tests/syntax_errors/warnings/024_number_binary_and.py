x = 0b1and 2
