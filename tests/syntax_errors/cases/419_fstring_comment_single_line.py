f'{a # comment}'
