x = 'ok'
y = 'bad
z = 1
