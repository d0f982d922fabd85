print('a' name)
