x = f'{"\n".join(a)}'
y = (
