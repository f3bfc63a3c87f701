import pickle
import io
from collections import OrderedDict, namedtuple
import datetime


class Plain:
    def __init__(self, a, b):
        self.a = a
        self.b = b

    def __eq__(self, other):
        return type(other) is Plain and self.__dict__ == other.__dict__

    def __repr__(self):
        return "Plain(%r, %r)" % (self.a, self.b)


class WithState:
    def __init__(self):
        self.x = 1
        self.cache = "drop"

    def __getstate__(self):
        d = self.__dict__.copy()
        del d["cache"]
        return d

    def __setstate__(self, d):
        self.__dict__.update(d)
        self.cache = "rebuilt"


P = namedtuple("P", "x y")

DATA = {
    "ints": [0, 1, -1, 255, 256, 65535, 2 ** 31, -2 ** 31, 2 ** 64, -(10 ** 30)],
    "floats": [0.0, 1.5, -2.25, 1e300],
    "strs": ["", "abc", "\u00e9\u4e2d\U0001f600", "x" * 300],
    "bytes": [b"", b"\x00\xff", bytearray(b"ba")],
    "containers": ((), (1,), (1, 2, 3), [], {}, set(), frozenset({1, 2}), {1: "a", "b": [2]}),
    "consts": [None, True, False, Ellipsis, NotImplemented],
    "plain": Plain(1, [2, 3]),
    "od": OrderedDict([("b", 1), ("a", 2)]),
    "nt": P(1, 2),
    "date": datetime.date(2020, 2, 29),
    "cls": Plain,
    "fn": len,
}


def main():
    for proto in range(0, pickle.HIGHEST_PROTOCOL + 1):
        s = pickle.dumps(DATA, protocol=proto)
        back = pickle.loads(s)
        print(proto, back == DATA, type(back["plain"]).__name__, back["nt"], back["cls"] is Plain, back["fn"] is len)
    shared = [1, 2]
    obj = [shared, shared]
    obj.append(obj)
    r = pickle.loads(pickle.dumps(obj))
    print(r[0] is r[1], r[2] is r)
    w = pickle.loads(pickle.dumps(WithState()))
    print(w.x, w.cache)
    buf = io.BytesIO()
    p = pickle.Pickler(buf, protocol=2)
    p.dump([1, 2])
    p.dump("two")
    buf.seek(0)
    u = pickle.Unpickler(buf)
    print(u.load(), u.load())
    print(pickle.dumps((1, "a", None), protocol=0))
    print(pickle.dumps([1, 2.5, "s", b"b"], protocol=4))
    try:
        pickle.loads(b"")
    except EOFError as e:
        print("EOFError")
    try:
        pickle.dumps(lambda: 1)
    except (pickle.PicklingError, AttributeError) as e:
        print("lambda not picklable")


if __name__ == "__main__":
    main()
