def f(*args: *Ts): pass
x = 1 +
