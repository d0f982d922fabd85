{x: y for y, x in ((1, 2), (3, 4))} = 5
