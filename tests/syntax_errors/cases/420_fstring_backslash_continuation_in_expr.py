f'{a \ b}'
