from collections import namedtuple

Point = namedtuple('Point', ['x', 'y'])
p = Point(11, y=22)
print(p, p.x + p.y, p[0], len(p), tuple(p), list(p))
x, y = p
print(x, y, p == (11, 22), p == Point(11, 22), hash(p) == hash((11, 22)))
print(Point._fields, Point._field_defaults, Point.__name__, Point.__doc__)
print(p._asdict(), p._replace(x=100), Point._make([1, 2]))
print(Point.x, Point.x.__doc__)
print(isinstance(p, tuple), issubclass(Point, tuple), type(p).__name__)
P3 = namedtuple('P3', 'a b c', defaults=[0, 1])
print(P3(5), P3(5, 6), P3(5, 6, 7), P3._field_defaults, P3.__new__.__defaults__)
R = namedtuple('R', 'a, b', rename=False)
print(R(1, 2))
Q = namedtuple('Q', ['abc', 'def', 'ghi', '_1', 'abc'], rename=True)
print(Q._fields)
def err(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
err(lambda: Point(1))
err(lambda: Point(1, 2, 3))
err(lambda: Point(1, z=3))
err(lambda: Point(1, 2, x=3))
err(lambda: Point._make([1]))
err(lambda: p._replace(z=1))
err(lambda: namedtuple('Bad', ['def']))
err(lambda: namedtuple('Bad', ['_x']))
err(lambda: namedtuple('Bad', ['x', 'x']))
err(lambda: namedtuple('1Bad', ['x']))
err(lambda: setattr(p, 'x', 5))
class Point3(namedtuple('Point3', 'x y z')):
    __slots__ = ()
    @property
    def norm1(self):
        return abs(self.x) + abs(self.y) + abs(self.z)
    def __str__(self):
        return f'<{self.x},{self.y},{self.z}>'
q = Point3(1, -2, 3)
print(q, repr(q), q.norm1, q._replace(z=0))
print(sorted([Point(2, 1), Point(1, 5), Point(1, 2)]))
d = {Point(1, 2): 'a'}
print(d[(1, 2)], max(Point(3, 4)), Point(*range(2)))
Emp = namedtuple('Emp', 'name age', module='mymod')
print(Emp.__module__, Emp('bob', 3))
print(Point.__new__.__name__, Point.__new__.__qualname__)
print(Point.__match_args__)
match p:
    case Point(x, y):
        print('matched', x, y)
E = namedtuple('E', '')
print(E(), E._fields)
