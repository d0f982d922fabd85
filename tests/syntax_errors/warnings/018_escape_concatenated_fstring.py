x = 'a' f'\c{b}'
