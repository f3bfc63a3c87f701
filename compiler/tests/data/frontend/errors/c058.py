nonlocal = 3
