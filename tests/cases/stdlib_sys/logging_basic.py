# logging: basicConfig, levels, formats, loggers hierarchy, handlers to a stream and a file.
import io
import logging
import os
import sys

logging.basicConfig(stream=sys.stdout, level=logging.INFO, format="%(levelname)s:%(name)s:%(message)s")
logging.debug("hidden")
logging.info("info %d", 1)
logging.warning("warn %s", "x")
log = logging.getLogger("app.sub")
log.error("error with %r", {"k": 1})
log.setLevel(logging.DEBUG)
log.debug("now visible")
print(log.getEffectiveLevel(), logging.getLogger("app").level, log.parent.name, log.name)
print(logging.getLevelName(logging.WARNING), logging.getLevelName(25), logging.INFO, logging.CRITICAL)
print(logging.getLogger("app.sub") is log, logging.getLogger() is logging.root)

buf = io.StringIO()
h = logging.StreamHandler(buf)
h.setFormatter(logging.Formatter("[%(levelname)-8s] %(name)s - %(message)s"))
h.setLevel(logging.WARNING)
other = logging.getLogger("other")
other.addHandler(h)
other.propagate = False
other.info("not shown")
other.warning("shown")
other.critical("critical!")
print(repr(buf.getvalue()))
try:
    1 / 0
except ZeroDivisionError:
    other.exception("failed")
print(buf.getvalue().splitlines()[2:4])
print(buf.getvalue().splitlines()[-1])

fh = logging.FileHandler("log.txt", mode="w")
fh.setFormatter(logging.Formatter("%(name)s|%(levelname)s|%(message)s"))
flog = logging.getLogger("filelog")
flog.addHandler(fh)
flog.propagate = False
flog.warning("to file")
flog.error("again")
fh.close()
print(open("log.txt").read(), end="")
os.remove("log.txt")

class Only(logging.Filter):
    def filter(self, record):
        return "keep" in record.getMessage()

flt = logging.getLogger("filtered")
h2 = logging.StreamHandler(sys.stdout)
h2.addFilter(Only())
flt.addHandler(h2)
flt.propagate = False
flt.warning("drop this")
flt.warning("keep this")
adapter = logging.LoggerAdapter(logging.getLogger("adapt"), {"user": "bob"})
adapter.warning("via adapter")
logging.disable(logging.CRITICAL)
logging.critical("disabled")
logging.disable(logging.NOTSET)
logging.getLogger("x").log(logging.ERROR, "log() call")
