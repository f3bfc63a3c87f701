import logging, io, pprint, argparse, enum, typing, sys
from typing import NamedTuple, Optional, Dict, List, TypeVar, Generic


def test_logging():
    stream = io.StringIO()
    log = logging.getLogger("bench")
    h = logging.StreamHandler(stream)
    h.setFormatter(logging.Formatter("%(levelname)s:%(name)s:%(message)s"))
    log.addHandler(h)
    log.setLevel(logging.INFO)
    for i in range(5):
        log.info("step %d of %s", i, "five")
        log.debug("hidden %d", i)
    log.warning("careful: %r", {"k": 1})
    try:
        1 / 0
    except ZeroDivisionError:
        log.exception("boom")
    out = stream.getvalue().splitlines()
    print(len(out), out[:7], out[-1])


def test_pprint():
    data = {"z": list(range(30)), "a": {"nested": [("t", i) for i in range(6)]}, "s": "x" * 50}
    pprint.pprint(data)
    print(pprint.pformat(data, width=40, compact=True)[:200])
    pprint.pprint([{"a": 1}] * 3, width=20)


class Color(enum.Enum):
    RED = 1
    GREEN = 2
    BLUE = 3


class Perm(enum.IntFlag):
    R = 4
    W = 2
    X = 1


class Emp(NamedTuple):
    name: str
    dept: str
    salary: int = 0


T = TypeVar("T")


class Stack(Generic[T]):
    def __init__(self) -> None:
        self.items: List[T] = []

    def push(self, item: T) -> None:
        self.items.append(item)

    def pop(self) -> Optional[T]:
        return self.items.pop() if self.items else None


def main(argv=None):
    parser = argparse.ArgumentParser(prog="bench", description="demo")
    parser.add_argument("-n", "--num", type=int, default=3)
    parser.add_argument("--verbose", "-v", action="store_true")
    parser.add_argument("names", nargs="*")
    parser.add_argument("--mode", choices=["a", "b"], default="a")
    args = parser.parse_args(argv)
    print(args)
    test_logging()
    test_pprint()
    print(list(Color), Color(2), Color["BLUE"].value, Perm.R | Perm.W, Perm(7), Perm.R in Perm(5))
    e = Emp("ann", "eng", 10)
    print(e, e._asdict(), e._replace(salary=5), Emp._fields)
    s: Stack[int] = Stack()
    s.push(1)
    s.push(2)
    print(s.pop(), s.pop(), s.pop(), typing.get_type_hints(Emp), Stack.__parameters__)
    return 0


if __name__ == "__main__":
    sys.exit(main(["-n", "5", "-v", "x", "y"]))
