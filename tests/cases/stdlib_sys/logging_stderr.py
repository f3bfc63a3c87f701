# logging with no configuration: warnings go to stderr via the last-resort handler.
import logging
logging.getLogger("quiet").info("nothing")
logging.warning("to stderr")
print("done")
