print("counter executed")
n = 0
