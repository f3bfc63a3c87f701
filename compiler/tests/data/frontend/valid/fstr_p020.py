def g():
    x = f'{yield a}'
