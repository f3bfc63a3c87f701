import weakref
import _weakref


class Node:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"Node({self.name!r})"


# ref, callbacks, reuse of plain refs
a = Node("a")
events = []
r = weakref.ref(a, lambda wr: events.append(("dead", wr() is None)))
r2 = weakref.ref(a)
print(r() is a, r2 is weakref.ref(a), weakref.getweakrefcount(a))
print(len(weakref.getweakrefs(a)), r.__callback__ is not None, r2.__callback__)
print(hash(r) == hash(a), r == r2, r != r2)
del a
print(events, r(), r2(), r.__callback__)
print(type(r).__name__, weakref.ReferenceType is _weakref.ref, isinstance(r, weakref.ref))

# unhashable dead ref, weakref to things that cannot be referenced
b = Node("b")
rb = weakref.ref(b)
del b
try:
    hash(rb)
except TypeError as e:
    print("TypeError:", e)
for bad in (1, "s", (1, 2), [1], {}, None):
    try:
        weakref.ref(bad)
    except TypeError as e:
        print("TypeError:", e)


class Slotted:
    __slots__ = ("x",)


class SlottedWeak:
    __slots__ = ("x", "__weakref__")


try:
    weakref.ref(Slotted())
except TypeError as e:
    print("TypeError:", e)
print(weakref.ref(SlottedWeak()) is not None)


# functions and classes can be weakly referenced
def func():
    return 42


print(weakref.ref(func)()(), weakref.ref(Node)().__name__)

# WeakValueDictionary
cache = weakref.WeakValueDictionary()
n1, n2, n3 = Node("x"), Node("y"), Node("z")
cache["x"] = n1
cache["y"] = n2
cache["z"] = n3
print(len(cache), sorted(cache.keys()), "y" in cache)
del n2
print(len(cache), sorted(cache), "y" in cache, cache.get("y", "gone"))
print(sorted(k for k, v in cache.items()), [v.name for v in sorted(cache.values(), key=lambda n: n.name)])
try:
    cache["y"]
except KeyError as e:
    print("KeyError", e)
print(cache.pop("x").name, len(cache))
cache.setdefault("w", n1)
print(sorted(cache))


# WeakKeyDictionary
class Key:
    def __init__(self, k):
        self.k = k


meta = weakref.WeakKeyDictionary()
k1, k2 = Key(1), Key(2)
meta[k1] = "one"
meta[k2] = "two"
print(len(meta), meta[k1], k2 in meta)
del k1
print(len(meta), [k.k for k in meta.keys()], list(meta.values()))

# WeakSet
ws = weakref.WeakSet()
items = [Node(str(i)) for i in range(5)]
for it in items:
    ws.add(it)
print(len(ws), items[0] in ws)
del items[1:3]
print(len(ws), sorted(n.name for n in ws))
items.clear()
print(len(ws), list(ws))

# finalize
obj = Node("f")
f = weakref.finalize(obj, print, "finalized", obj.name)
print(f.alive, f.peek()[1:])
del obj
print(f.alive)
g = weakref.finalize(Node("tmp"), print, "never printed twice")
h = weakref.finalize(Node("h") if False else Node("h2"), lambda: "value")
print(h.alive)
o2 = Node("o2")
f2 = weakref.finalize(o2, lambda x: x * 2, 21)
print(f2(), f2(), f2.alive)
o3 = Node("o3")
f3 = weakref.finalize(o3, print, "detached")
print(f3.detach()[1:] if f3.detach() is None else "?", f3.alive)


# WeakMethod
class Greeter:
    def hello(self):
        return "hello"


gr = Greeter()
wm = weakref.WeakMethod(gr.hello)
print(wm()())
del gr
print(wm())

# proxy
class Box:
    def __init__(self):
        self.value = 10
        self.items = [1, 2, 3]

    def double(self):
        return self.value * 2

    def __len__(self):
        return len(self.items)


bx = Box()
p = weakref.proxy(bx)
print(p.value, p.double(), len(p), type(p).__name__)
p.value = 11
print(bx.value)
del bx
try:
    p.value
except ReferenceError as e:
    print("ReferenceError:", e)

# callbacks run most recent first
c = Node("c")
order = []
w1 = weakref.ref(c, lambda w: order.append(1))
w2 = weakref.ref(c, lambda w: order.append(2))
del c
print(order)


# subclassing ref
class NamedRef(weakref.ref):
    __slots__ = ("label",)

    def __init__(self, ob, callback=None, label=""):
        super().__init__(ob, callback)
        self.label = label


d = Node("d")
nr = NamedRef(d, None, label="lbl")
print(nr.label, nr() is d, isinstance(nr, weakref.ref))
