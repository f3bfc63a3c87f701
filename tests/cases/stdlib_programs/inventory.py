from dataclasses import dataclass, field, asdict
from enum import Enum, auto
from itertools import groupby
from operator import attrgetter
from functools import reduce, total_ordering
import json


class Category(Enum):
    TOOL = auto()
    FOOD = auto()
    TOY = auto()


@dataclass(order=True)
class Item:
    name: str
    price: float
    qty: int = 0
    category: Category = Category.TOOL
    tags: list = field(default_factory=list)

    @property
    def total(self):
        return round(self.price * self.qty, 2)


items = [
    Item("hammer", 12.5, 3, tags=["steel"]),
    Item("apple", 0.4, 100, Category.FOOD),
    Item("ball", 3.0, 10, Category.TOY, ["red", "rubber"]),
    Item("saw", 20.0, 1),
    Item("bread", 2.25, 8, Category.FOOD),
]
print(items[0])
print(sorted(items)[0].name, max(items, key=attrgetter("price")).name)
for cat, group in groupby(sorted(items, key=lambda i: i.category.value), key=attrgetter("category")):
    g = list(group)
    print(cat, cat.name, [i.name for i in g], sum(i.total for i in g))
print(reduce(lambda a, b: a + b.qty, items, 0))
d = asdict(items[2])
d["category"] = d["category"].name
print(json.dumps(d, sort_keys=True))
print(json.dumps([asdict(i) | {"category": i.category.name} for i in items[:2]], indent=2))
print(Item("x", 1.0) == Item("x", 1.0), Item("x", 1.0) < Item("y", 0.5))
print(list(Category), Category["FOOD"], Category(3))


@total_ordering
class Version:
    def __init__(self, s):
        self.parts = tuple(int(p) for p in s.split("."))

    def __eq__(self, other):
        return self.parts == other.parts

    def __lt__(self, other):
        return self.parts < other.parts

    def __repr__(self):
        return "Version(%r)" % ".".join(map(str, self.parts))


print(sorted([Version("1.10"), Version("1.2"), Version("1.2.1")]), Version("2.0") >= Version("1.9"))
