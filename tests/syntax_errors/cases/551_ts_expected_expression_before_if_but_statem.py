x = pass if 1 else 1
