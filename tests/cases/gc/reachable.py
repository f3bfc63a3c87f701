# Objects kept alive only through cycles that are reachable (from globals, closures, generator
# frames, containers, exceptions, bound methods ...) survive gc.collect() intact.
import gc


class Node:
    def __init__(self, name):
        self.name = name
        self.peers = []

    def __repr__(self):
        return f"Node({self.name}, {[p.name for p in self.peers]})"


def ring(prefix, n):
    nodes = [Node(f"{prefix}{i}") for i in range(n)]
    for i, x in enumerate(nodes):
        x.peers.append(nodes[(i + 1) % n])
        x.back = nodes[i - 1]
    return nodes[0]


# 1. A ring reachable from a global.
g = ring("g", 5)


# 2. A ring reachable only from a closure cell.
def make_closure():
    r = ring("c", 4)

    def get():
        return r

    return get


getter = make_closure()


# 3. A ring reachable only from a suspended generator's frame.
def gen():
    r = ring("y", 3)
    yield r.name
    yield r.peers[0].name
    yield r.peers[0].peers[0].peers[0].name


it = gen()
first = next(it)


# 4. A ring reachable from a list / dict / tuple held by a global.
holder = {"k": [(ring("d", 3),)]}


# 5. Through a bound method stored on the instance itself.
class Timer:
    def __init__(self):
        self.cb = self.fire
        self.count = 0

    def fire(self):
        self.count += 1
        return self.count


timers = [Timer()]
del_later = Timer()
cb = del_later.cb
del del_later


# 6. Through an exception's args and context.
def failing():
    try:
        raise ValueError(ring("e", 2))
    except ValueError as e:
        return e


err = failing()


# 7. An instance reachable only from another object's __slots__.
class Slotted:
    __slots__ = ("other", "me")


s = Slotted()
s.me = s
s.other = ring("s", 2)


# 8. An object whose only external reference is a local variable of a running frame.
def running():
    a = ring("l", 3)
    b = Node("lone")
    b.peers.append(b)
    gc.collect()
    gc.collect()
    return a, b


collected = gc.collect()
loc_a, loc_b = running()
gc.collect()


def walk(start, steps):
    out = []
    x = start
    for _ in range(steps):
        out.append(x.name)
        x = x.peers[0]
    return out


print(walk(g, 7), g.back.name)
print(walk(getter(), 5))
print(first, next(it), next(it))
print(walk(holder["k"][0][0], 4))
print(timers[0].cb(), timers[0].cb(), cb(), cb())
print(type(err).__name__, walk(err.args[0], 3))
print(s.me is s, walk(s.other, 3))
print(walk(loc_a, 4), loc_b, loc_b.peers[0] is loc_b)
print(gc.collect())
