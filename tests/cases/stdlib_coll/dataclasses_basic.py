import dataclasses
from dataclasses import dataclass, field, fields, asdict, astuple, replace, InitVar, FrozenInstanceError, KW_ONLY
from typing import ClassVar, List

@dataclass
class Point:
    x: int
    y: int = 0

p = Point(1, 2)
print(p, Point(5), p == Point(1, 2), p != Point(2, 1), p.x, p.y)
print([f.name for f in fields(p)], asdict(p), astuple(p), replace(p, y=9))
print(dataclasses.is_dataclass(p), dataclasses.is_dataclass(Point), dataclasses.is_dataclass(1))
print(Point.__init__.__qualname__, Point.__match_args__, Point.__hash__)

@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0
    tags: tuple = ()

v1, v2 = Version(1, 2), Version(1, 10)
print(v1 < v2, v2 >= v1, sorted([v2, v1]), hash(v1) == hash(Version(1, 2)), {v1: 'a'}[Version(1, 2)])

@dataclass
class Inventory:
    name: str
    items: List[str] = field(default_factory=list)
    count: int = field(default=0, repr=False)
    secret: str = field(default='s', compare=False)
    total: ClassVar[int] = 0

a = Inventory('a'); b = Inventory('b')
a.items.append('x')
print(a, b, a.items is not b.items, Inventory.total, a == Inventory('a', ['x'], 0, 'other'))
print([(f.name, f.default is dataclasses.MISSING, f.default_factory is not dataclasses.MISSING, f.repr) for f in fields(Inventory)])

@dataclass
class WithPost:
    a: int
    b: int = field(init=False)
    scale: InitVar[int] = 2
    def __post_init__(self, scale):
        self.b = self.a * scale

print(WithPost(3), WithPost(3, 10), [f.name for f in fields(WithPost)])

@dataclass
class Base:
    x: int
    y: str = 'base'

@dataclass
class Derived(Base):
    z: float = 1.5
    y: str = 'derived'

print(Derived(1), Derived(1, 'q', 2.5), [f.name for f in fields(Derived)])

@dataclass(kw_only=True)
class KW:
    a: int
    b: int = 2
print(KW(a=1), KW(b=3, a=4))

@dataclass
class Mixed:
    a: int
    _: KW_ONLY
    b: int
    c: int = 3
print(Mixed(1, b=2), Mixed(1, c=5, b=6))

@dataclass(slots=True)
class Slotted:
    x: int
    y: int = 5
s = Slotted(1)
print(s, Slotted.__slots__, hasattr(s, '__dict__'))

@dataclass(eq=False)
class NoEq:
    v: int
print(NoEq(1) == NoEq(1), NoEq(1).__class__.__name__)

@dataclass(repr=False)
class NoRepr:
    v: int
print(repr(NoRepr(1)).startswith('<'))

@dataclass(unsafe_hash=True)
class Hashed:
    v: int
    w: list = field(default=None, hash=False, compare=False)
print(hash(Hashed(5)) == hash((5,)))

@dataclass
class Node:
    val: int
    children: list = field(default_factory=list)
tree = Node(1, [Node(2), Node(3, [Node(4)])])
print(asdict(tree))
print(astuple(tree))

def err(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
err(lambda: Point())
err(lambda: Point(1, 2, 3))
err(lambda: Point(1, z=3))
err(lambda: Point(1, x=3))
err(lambda: KW(1))
err(lambda: Mixed(1))
err(lambda: setattr(v1, 'major', 5))
err(lambda: delattr(v1, 'major'))
err(lambda: replace(p, z=1))
err(lambda: fields(5))
err(lambda: asdict(Point))
def bad_order():
    @dataclass
    class Bad:
        a: int = 1
        b: int
err(bad_order)
def bad_default():
    @dataclass
    class Bad2:
        a: list = []
err(bad_default)
print(isinstance(FrozenInstanceError(), AttributeError))
C = dataclasses.make_dataclass('C', [('x', int), ('y', int, field(default=5))], namespace={'add': lambda self: self.x + self.y})
c = C(1)
print(c, c.add())
@dataclass
class Empty:
    pass
print(Empty(), Empty() == Empty())
@dataclass
class Rec:
    name: str
    parent: 'Rec' = None
r = Rec('a'); r.parent = r
print(r)
print(Point.__eq__(p, (1, 2)))
