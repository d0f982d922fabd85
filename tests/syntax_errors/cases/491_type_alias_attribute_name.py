type x.y = int
