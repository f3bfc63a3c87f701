x = 'a' 'b' f'c{d}e' 'f'
