x = f"{a!r:>{width}.{prec}}"
