x = f'{a:\n}'
if
