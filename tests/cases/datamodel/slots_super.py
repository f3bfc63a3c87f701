# __slots__ and every form of super()
class P:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y
p = P(1, 2)
print(p.x, p.y, hasattr(p, "__dict__"), type(P.x).__name__)
try:
    p.z = 1
except AttributeError as e:
    print("AttributeError:", e)
del p.y
try:
    p.y
except AttributeError as e:
    print("AttributeError:", e)
class Q(P):
    __slots__ = ("z",)
q = Q(3, 4)
q.z = 5
print(q.x, q.y, q.z)
class R(P):
    pass
r = R(1, 2)
r.w = 3
print(vars(r))
try:
    class C:
        __slots__ = ("a",)
        a = 1
except ValueError as e:
    print("ValueError:", e)
class A:
    def who(self):
        return "A"
    @classmethod
    def cm(cls):
        return "A.cm " + cls.__name__
class B(A):
    def who(self):
        return "B>" + super().who()
    @classmethod
    def cm(cls):
        return "B>" + super().cm()
class C2(B):
    def who(self):
        return "C>" + super(B, self).who()
print(B().who(), C2().who(), C2.cm(), super(B, B()).who())
print(super(B, B).who(B()))
class M(type):
    def __call__(cls, *a):
        print("M.__call__", cls.__name__)
        return super().__call__(*a)
class WithM(metaclass=M):
    def __init__(self, v):
        self.v = v
print(WithM(3).v)
