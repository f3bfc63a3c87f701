print("a start")
import pkg.b as b_mod
A = "A sees " + b_mod.B
print("a end")
