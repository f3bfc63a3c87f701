import app
print(app.core.run(), app.parts.wheel.SPOKES, app.wheel.spin())
print(hasattr(app.parts, "extra"), hasattr(app, "lazy"))
import app.parts.extra
print(app.parts.extra.X)
from app import lazy
print(app.lazy is lazy, lazy.__name__)
import app.parts.extra as ex
print(ex is app.parts.extra)
import sys
print(sorted(k for k in sys.modules if k.startswith("app")))
print(app.__package__, app.core.__package__, app.parts.wheel.__package__)
# deleting the attribute: from-import still finds the submodule via sys.modules
del app.lazy
from app import lazy as again
print(again is lazy)
try:
    from app import missing
except ImportError as e:
    print(type(e).__name__, e.name)
    print(str(e).split(" (")[0])
try:
    import app.core.inner
except ModuleNotFoundError as e:
    print(e)
