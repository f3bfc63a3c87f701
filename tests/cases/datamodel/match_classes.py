match_cases = []
class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y): self.x, self.y = x, y
def where(p):
    match p:
        case Point(0, 0): return "origin"
        case Point(x=0, y=y): return f"y-axis {y}"
        case Point(x, 0): return f"x-axis {x}"
        case Point(x, y) if x == y: return "diag"
        case Point(): return "other"
        case [Point(x=a), *rest]: return f"list starting {a} +{len(rest)}"
        case {"p": Point(x=x)}: return f"dict {x}"
        case str() | bytes(): return "text"
        case int(n) | float(n): return f"num {n}"
        case _: return "?"
for v in [Point(0,0), Point(0,5), Point(3,0), Point(2,2), Point(1,2), [Point(7,1), 1, 2], {"p": Point(9, 9)}, "s", b"b", 4, 2.5, None]:
    print(where(v))
class NoArgs:
    pass
try:
    match NoArgs():
        case NoArgs(1): pass
except TypeError as e:
    print(e)
class BadArgs:
    __match_args__ = ["a"]
try:
    match BadArgs():
        case BadArgs(1): pass
except TypeError as e:
    print(e)
match 5:
    case bool(): print("bool")
    case int(): print("int")
class MyList(list): pass
match MyList([1, 2]):
    case [a, b]: print("seq", a, b)
match {"a": 1, "b": 2}:
    case {"a": 1, **rest}: print(rest)
try:
    match 1:
        case int(x=1): pass
except Exception as e:
    print(type(e).__name__)
match Point(1, 2):
    case Point(y=2, x=1): print("kw ok")
