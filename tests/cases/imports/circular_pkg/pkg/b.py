print("b start")
import pkg.a as a_mod
import pkg
print("b sees partial a:", hasattr(a_mod, "A"), hasattr(pkg, "a"))
B = "B"
try:
    from pkg.a import A
except ImportError as e:
    print(str(e).split(" (")[0])
def later():
    return a_mod.A
print("b end")
