import ns.mod
print(ns.mod.VALUE, ns.__file__, ns.__package__)
from ns.inner import deep
print(deep.DEEP, deep.__package__)
import ns
print(type(ns.__path__).__name__ in ("list", "_NamespacePath"), hasattr(ns, "inner"))
try:
    import ns.nothing
except ModuleNotFoundError as e:
    print(e)
