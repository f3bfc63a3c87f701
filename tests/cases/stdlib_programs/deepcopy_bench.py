import copy
from dataclasses import dataclass, field, asdict, astuple, replace


@dataclass
class A:
    string: str
    lst: list
    boolean: bool


@dataclass(order=True, frozen=True)
class Point:
    x: int
    y: int = 0
    tags: tuple = field(default=(), compare=False)


class Node:
    def __init__(self, val):
        self.val = val
        self.children = []

    def __deepcopy__(self, memo):
        n = Node(copy.deepcopy(self.val, memo))
        memo[id(self)] = n
        n.children = copy.deepcopy(self.children, memo)
        return n


def main():
    a = {'list': [1, 2, 3, 43], 't': (1, 2, 3), 'str': 'hello', 'subdict': {'a': True}}
    dc = A('hello', [1, 2, 3], True)
    for _ in range(200):
        b = copy.deepcopy(a)
        d = copy.deepcopy(dc)
    print(b == a, b is a, b['list'] is a['list'], d == dc, d.lst is dc.lst)
    s = [1, 2]
    cyc = [s, s]
    cyc.append(cyc)
    c2 = copy.deepcopy(cyc)
    print(c2[0] is c2[1], c2[2] is c2, c2[0] is s)
    root = Node(1)
    root.children.append(Node([2, 3]))
    r2 = copy.deepcopy(root)
    print(r2.children[0].val, r2.children[0].val is root.children[0].val)
    p = Point(1, 2, ("a",))
    print(p, asdict(p), astuple(p), replace(p, y=5), sorted([Point(3), Point(1, 9), Point(1, 2)]))
    print(copy.copy(p) == p, hash(p) == hash(Point(1, 2)))
    try:
        p.x = 3
    except Exception as e:
        print(type(e).__name__, e)


if __name__ == "__main__":
    main()
