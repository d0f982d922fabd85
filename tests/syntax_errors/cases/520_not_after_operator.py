x = 3 + not 3
