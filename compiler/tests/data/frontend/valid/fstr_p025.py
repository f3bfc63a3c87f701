x = f'\N{BULLET} {a}'
