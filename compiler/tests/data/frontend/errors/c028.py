f(a=1, **k, b)
