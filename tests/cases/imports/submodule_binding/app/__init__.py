print("app init")
from . import core
from .parts import wheel
