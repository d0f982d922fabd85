x = f'{x:\d}'
