VALUE = 42
from . import helper
