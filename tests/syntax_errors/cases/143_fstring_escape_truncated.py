x = f'\x1{y}'
