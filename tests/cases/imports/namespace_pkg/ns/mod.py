from . import helper
VALUE = "ns.mod uses " + helper.NAME
