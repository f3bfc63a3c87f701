import pkg
from pkg import b
print(b.later())
print(pkg.a.A, pkg.b.B)
print(__spec__, __package__, __name__)
