x = f'{a, b}'
