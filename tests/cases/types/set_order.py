s = {3, 1, 2}
print(s, list(s), sorted(s), [x for x in s])
a = {10, 2, 33, 4, 100, 7}
b = {7, 33, 8}
print(a | b, a & b, a - b, a ^ b)
t = {(1, 2), (3, 4), (0, 0)}
print(t)
s = set()
for i in range(40, 0, -3):
    s.add(i)
print(s)
s.discard(7); s.remove(40)
print(s)
f = frozenset([5, 3, 9, 1])
print(f, set(f), {x * 2 for x in f})
print({1.5, 2, -3, 2**70})
print(set("a"), {True, 0})
d = {}
for x in {9, 8, 7}:
    d[x] = 1
print(d)
