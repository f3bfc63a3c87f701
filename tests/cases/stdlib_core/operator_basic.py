import operator
from operator import itemgetter, attrgetter, methodcaller

print(operator.add(2, 3), operator.sub(2, 3), operator.mul("ab", 3), operator.truediv(7, 2), operator.floordiv(7, 2))
print(operator.mod(7, 3), operator.pow(2, 10), operator.neg(5), operator.pos(-5), operator.abs(-3), operator.inv(5))
print(operator.lshift(1, 4), operator.rshift(32, 2), operator.and_(6, 3), operator.or_(6, 3), operator.xor(6, 3))
print(operator.lt(1, 2), operator.le(2, 2), operator.eq(1, 1.0), operator.ne(1, 2), operator.ge(1, 2), operator.gt(3, 2))
print(operator.not_(0), operator.truth([1]), operator.is_(None, None), operator.is_not(1, None))
print(operator.concat([1], [2]), operator.contains("abc", "b"), operator.countOf([1, 2, 1], 1), operator.indexOf("abc", "c"))
print(operator.index(7), operator.matmul.__name__, operator.length_hint([1, 2, 3]), operator.length_hint(iter([]), 5))
d = {"a": 1}
operator.setitem(d, "b", 2)
operator.delitem(d, "a")
print(d, operator.getitem(d, "b"), operator.getitem([10, 20, 30], slice(1, None)))
x = [1]
x = operator.iadd(x, [2])
print(x, operator.iconcat([0], [1]), operator.imul([1], 2), operator.ipow(3, 2))

rows = [("bob", 25, "nyc"), ("alice", 30, "sf"), ("carol", 25, "la")]
print(sorted(rows, key=itemgetter(1, 0)))
print(itemgetter(2)(rows[0]), itemgetter(0, 2)(rows[1]), itemgetter("k")({"k": "v"}), itemgetter(slice(0, 2))("hello"))
print(list(map(itemgetter(0), rows)))


class Addr:
    def __init__(self, city):
        self.city = city


class Person:
    def __init__(self, name, city):
        self.name = name
        self.addr = Addr(city)

    def greet(self, greeting, punct="!"):
        return f"{greeting}, {self.name}{punct}"


people = [Person("zed", "rome"), Person("amy", "oslo")]
print([p.name for p in sorted(people, key=attrgetter("name"))], attrgetter("addr.city")(people[0]))
print(attrgetter("name", "addr.city")(people[1]))
print(methodcaller("greet", "hi")(people[0]), methodcaller("greet", "yo", punct="?")(people[1]))
print(methodcaller("upper")("abc"), methodcaller("split", ",")("a,b"))
print(repr(itemgetter(1)), repr(attrgetter("a.b")), repr(methodcaller("f", 1, k=2)))
try:
    itemgetter(5)([1])
except IndexError as e:
    print("IndexError:", e)
try:
    attrgetter("nope")(people[0])
except AttributeError as e:
    print("AttributeError:", e)
print(operator.__name__, operator.attrgetter.__module__, operator.__lt__ is operator.lt)
