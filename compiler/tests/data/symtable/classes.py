class A:
    x = 1
    def f(self):
        return x
    def g(self):
        return __class__
    class B:
        def h(self):
            return super().h()
def outer():
    y = 1
    class C:
        y = 2
        def m(self):
            return y
        z = [y for _ in range(3)]
    return C
def walrus(xs):
    return [(w := x) for x in xs], w
def gen():
    yield from (lambda: (yield))()
