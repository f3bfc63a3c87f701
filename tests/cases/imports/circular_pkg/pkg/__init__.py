print("pkg init start")
from . import a
print("pkg init end", a.A)
