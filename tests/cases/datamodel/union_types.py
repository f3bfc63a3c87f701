u = int | str | None
print(u, isinstance(None, u), isinstance(2.0, u), issubclass(bool, int | float), list[int] | None)
def f(x: int | None = None): return x
print(f())
try:
    print(1 | int)
except TypeError as e:
    print(e)
