class P2(property):
    def __get__(self, obj, owner=None):
        print("P2 get")
        return super().__get__(obj, owner)
class Q:
    def __init__(self): self._x = 1
    @P2
    def x(self): return self._x
    @x.setter
    def x(self, v): self._x = v
q = Q()
q.x = 5
print(q.x, type(Q.__dict__["x"]).__name__)
class LoggedCM(classmethod):
    pass
class R:
    @LoggedCM
    def m(cls): return cls.__name__
print(R.m(), R().m())
