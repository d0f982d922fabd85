x = 1 if 1 else pass
