import copy
import copyreg


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


class Shape:
    def __init__(self, name, points):
        self.name = name
        self.points = points
        self.meta = {"tags": ["a", "b"]}


s = Shape("tri", [Point(0, 0), Point(1, 0), Point(0, 1)])
sc = copy.copy(s)
sd = copy.deepcopy(s)
print(sc.points is s.points, sd.points is s.points, sd.points, sd.meta == s.meta, sd.meta["tags"] is s.meta["tags"])
sd.points[0].x = 99
print(s.points[0], sd.points[0], type(sd).__name__)

# shared references and cycles are preserved by deepcopy's memo
shared = [1, 2]
pair = [shared, shared]
dp = copy.deepcopy(pair)
print(dp[0] is dp[1], dp[0] is shared)
cyc = [1]
cyc.append(cyc)
dc = copy.deepcopy(cyc)
print(dc[1] is dc, dc is not cyc)
memo = {}
x = [Point(1, 2)]
y = copy.deepcopy(x, memo)
print(id(x) in memo, memo[id(x)] is y)


# __copy__ and __deepcopy__
class Tracked:
    def __init__(self, v):
        self.v = v

    def __copy__(self):
        print("__copy__ called")
        return Tracked(self.v)

    def __deepcopy__(self, memo):
        print("__deepcopy__ called", type(memo).__name__)
        return Tracked(copy.deepcopy(self.v, memo))


t = Tracked([1, [2]])
t2 = copy.copy(t)
t3 = copy.deepcopy(t)
print(t2.v is t.v, t3.v == t.v, t3.v is t.v)


# __getstate__ / __setstate__
class Conn:
    def __init__(self, host):
        self.host = host
        self.sock = object()

    def __getstate__(self):
        st = self.__dict__.copy()
        del st["sock"]
        return st

    def __setstate__(self, st):
        self.__dict__.update(st)
        self.sock = "reconnected"


c2 = copy.deepcopy(Conn("db"))
print(c2.host, c2.sock)


# __reduce__
class Money:
    def __init__(self, amount, cur="EUR"):
        self.amount, self.cur = amount, cur

    def __reduce__(self):
        return (Money, (self.amount, self.cur))

    def __repr__(self):
        return f"{self.amount} {self.cur}"


print(copy.copy(Money(5)), copy.deepcopy([Money(7, "USD")]))


# slots
class Slotted:
    __slots__ = ("a", "b")

    def __init__(self):
        self.a = [1]
        self.b = "x"


sl = copy.deepcopy(Slotted())
print(sl.a, sl.b)
sl2 = copy.copy(Slotted())
print(sl2.a, sl2.b)


# subclasses of builtins
class MyList(list):
    pass


class MyDict(dict):
    pass


class MyInt(int):
    pass


ml = MyList([1, [2]])
ml.extra = "e"
mc = copy.deepcopy(ml)
print(type(mc).__name__, mc, mc.extra, mc[1] is ml[1])
md = copy.copy(MyDict(a=1))
print(type(md).__name__, md)
mi = copy.deepcopy(MyInt(7))
print(type(mi).__name__, mi + 1)

# atomic and builtin values
for v in (1, 2.5, "s", None, True, (1, 2), frozenset({1}), range(3), len, Point):
    print(type(v).__name__, copy.copy(v) is v, copy.deepcopy(v) is v)
tup = ([1],)
print(copy.deepcopy(tup)[0] is tup[0], copy.copy(tup) is tup)
d = {"k": [1, 2], 3: {4}}
print(copy.deepcopy(d) == d, copy.deepcopy(d)["k"] is d["k"], copy.copy(d)["k"] is d["k"])
print(copy.copy({1, 2}), copy.copy(bytearray(b"ab")))


# copyreg registration
class Temp:
    def __init__(self, deg):
        self.deg = deg


def reduce_temp(t):
    print("reduce_temp")
    return Temp, (t.deg + 0.5,)


copyreg.pickle(Temp, reduce_temp)
print(copy.copy(Temp(20)).deg)
print(copy.deepcopy(bytearray(b"xy")), copy.deepcopy({frozenset({1}): [1]}))
print(copy.Error is copy.error)
