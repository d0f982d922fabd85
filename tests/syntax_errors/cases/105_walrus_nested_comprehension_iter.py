[[y for y in (z := x)] for x in w]
