if x:
    y = f'{a} {b!r} {c:3}'
