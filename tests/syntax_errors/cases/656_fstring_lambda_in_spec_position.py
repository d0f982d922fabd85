f'{lambda:x}'
