x = 0o7in y
