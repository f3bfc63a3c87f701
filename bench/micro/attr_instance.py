# attr_instance: instance attribute loads/stores and method calls on a small class hierarchy
# (LOAD_ATTR_INSTANCE, STORE_ATTR_INSTANCE, LOAD_METHOD_INSTANCE; polymorphic receivers).
N = 4000000


class Base:
    def __init__(self, x):
        self.x = x
        self.y = 0

    def step(self, d):
        self.y = self.y + d
        return self.x


class Left(Base):
    def step(self, d):
        self.y = self.y - d
        return self.x * 2


class Right(Base):
    pass


def main():
    objs = [Base(1), Left(2), Right(3)]
    t = 0
    for i in range(N):
        o = objs[i % 3]
        t += o.step(i & 7) + o.x
    print("attr_instance", t, sum(o.y for o in objs))


main()
