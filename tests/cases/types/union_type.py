u = int | str
print(u, type(u).__name__, isinstance(3, u), isinstance(3.0, u), int | None, u | float, u.__args__, int | int)
print(issubclass(bool, int | str), isinstance(None, int | None), (int | str) == (int | str))
def f(x: int | None = None): return x
print(f(3))
