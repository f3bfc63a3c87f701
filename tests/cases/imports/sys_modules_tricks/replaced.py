import sys
class Replacement:
    value = 42
    def __repr__(self):
        return "<Replacement>"
sys.modules[__name__] = Replacement()
