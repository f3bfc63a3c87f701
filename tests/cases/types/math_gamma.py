import math
xs = [0.5, 1.5, 2.5, 3.7, 10, 10.3, 25.5, 100.2, 170.5, 171.7, -0.5, -1.5, -2.7, -10.3, -150.25, -201.5, 1e-25, 5, 23, 24, 30]
for x in xs:
    for f in (math.gamma, math.lgamma):
        try:
            print(f.__name__, x, f(x))
        except Exception as e:
            print(f.__name__, x, type(e).__name__, e)
for x in [0, -1, float("inf"), float("-inf"), float("nan")]:
    for f in (math.gamma, math.lgamma):
        try:
            print(f.__name__, x, f(x))
        except Exception as e:
            print(f.__name__, x, type(e).__name__, e)
