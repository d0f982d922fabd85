b = b'''
ok
ü'''
