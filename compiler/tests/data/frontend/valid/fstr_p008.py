x = (f'{a}'
     f'{b}'
     'c' f'{d}')
