x = f'{a!a}'
