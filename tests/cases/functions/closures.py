def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc
c = counter()
print(c(), c(), c())
G = 1
def setg():
    global G
    G = 99
setg(); print(G)
def outer():
    x = "outer"
    def mid():
        def inner():
            return x
        return inner()
    return mid()
print(outer())
fs = [lambda i=i: i * 10 for i in range(3)]
print([f() for f in fs])
fs2 = [lambda: i for i in range(3)]
print([f() for f in fs2])
def make_adders():
    return [lambda x, n=n: x + n for n in range(3)]
print([a(10) for a in make_adders()])
def shadow():
    x = 1
    def g():
        x = 2
        return x
    return g(), x
print(shadow())
def unbound():
    print(y)
    y = 1
try:
    unbound()
except UnboundLocalError as e:
    print(e)
def cell_param(a):
    def get():
        return a
    a += 1
    return get()
print(cell_param(5))
x = 10
def read_global():
    return x + 1
print(read_global())
class K:
    v = 5
    items = [v * i for i in range(3)] if False else None
    def m(self):
        return K.v
print(K().m(), K.items)
