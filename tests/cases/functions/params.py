def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, sorted(kw.items()))
print(f(1, c=3))
print(f(1, 2, 3, 4, c=5, e=6, d=7))
def g(x, y, /, z):
    return x + y + z
print(g(1, 2, z=3))
def h(*, key=None):
    return key
print(h(), h(key=5))
args = (1, 2)
kwargs = {"c": 9}
print(f(*args, **kwargs), f(*[0], c=1, **{"z": 2}))
def defaults(a, L=[]):
    L.append(a)
    return L
print(defaults(1), defaults(2))
def doc():
    "the docstring"
print(doc.__doc__, doc.__name__, doc())
lam = lambda x, y=1: x * y
print(lam(3), lam(3, 4), (lambda: 7)())
def deco(fn):
    def wrapper(*a, **k):
        print("calling", fn.__name__)
        return fn(*a, **k)
    return wrapper
@deco
def add(a, b):
    return a + b
print(add(2, 3))
def rec(n):
    return 1 if n <= 1 else n * rec(n - 1)
print(rec(20), rec(30))
def many():
    return 1, [2], {3: 4}
a, b, c = many()
print(a, b, c)
try:
    f()
except TypeError as e:
    print(e)
try:
    g(1, 2)
except TypeError as e:
    print(e)
try:
    h(1)
except TypeError as e:
    print(e)
try:
    add(1, 2, 3)
except TypeError as e:
    print(e)
def kwonly(a, *, b):
    return a, b
try:
    kwonly(1)
except TypeError as e:
    print(e)
try:
    kwonly(1, b=2, c=3)
except TypeError as e:
    print(e)
