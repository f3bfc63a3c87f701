x = f'{a:%H:%M}'
