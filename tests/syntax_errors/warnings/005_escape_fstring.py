x = f'\d{x}'
