__all__ = ["circle", "square", "area"]
def area(s):
    return s.AREA
_private = 1
