from collections import deque
import copy

d = deque([1, 2, 3])
d.append(4); d.appendleft(0)
print(d, len(d), bool(d), bool(deque()))
print(d.pop(), d.popleft(), d)
d.extend('ab'); d.extendleft([10, 20])
print(d)
d.rotate(2); print(d)
d.rotate(-3); print(d)
d.rotate(0); print(d)
print(d[0], d[-1], d[2])
d[1] = 'X'; print(d)
del d[0]; print(d)
print(d.count('a'), d.count(99), 'X' in d, 99 in d)
print(d.index('a'), d.index(3, 1), d.index(3, -5))
d.insert(1, 'ins'); d.insert(-1, 'neg'); d.insert(100, 'end'); print(d)
d.remove('ins'); print(d)
d.reverse(); print(d)
e = d.copy(); e.append('new'); print(d, e, d == e, e is d)
d.clear(); print(d, len(d))
m = deque(range(10), maxlen=3)
print(m, m.maxlen, deque().maxlen)
m.append(10); print(m)
m.appendleft(-1); print(m)
m.extend([20, 21]); print(m)
m.extendleft([30, 31]); print(m)
m.insert(0, 1) if len(m) < 3 else print('full')
print(repr(deque([], maxlen=3)), repr(deque(maxlen=0)))
z = deque(maxlen=0); z.append(1); print(z)
print(deque('abc') == deque('abc'), deque('abc') != deque('abd'), deque([1, 2]) < deque([1, 3]),
      deque([1, 2]) <= deque([1, 2]), deque([2]) > deque([1, 9]), deque([1]) >= deque([1, 0]))
print(deque([1]) == [1], deque([1, 2]) + deque([3]), deque([1, 2]) * 2, 3 * deque('a'), deque([1]) * 0)
x = deque([1, 2]); x += [3, 4]; print(x)
x *= 2; print(x)
y = deque([1, 2, 3], maxlen=4); print(y * 3, y + deque([9]))
print(list(reversed(deque('abc'))), list(deque('hello')))
d = deque(range(5))
try:
    for v in d:
        if v == 2:
            d.append(99)
except RuntimeError as e:
    print('RuntimeError', e)
d = deque(range(5))
for v in d:
    d[0] = v  # item assignment is not a mutation of the structure
print(d)
def err(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
err(lambda: deque().pop())
err(lambda: deque().popleft())
err(lambda: deque([1])[5])
err(lambda: deque([1])['a'])
err(lambda: deque([1]).index(7))
err(lambda: deque([1]).remove(7))
err(lambda: deque([1], maxlen=1).insert(0, 2))
err(lambda: deque([1], maxlen=-1))
err(lambda: deque([1]) + [2])
err(lambda: deque(1))
r = deque([1]); r.append(r); print(r)
class MyDeque(deque):
    def peek(self):
        return self[-1]
md = MyDeque([1, 2, 3], maxlen=5)
print(md, md.peek(), type(md.copy()).__name__, type(copy.copy(md)).__name__, md.maxlen)
print(isinstance(md, deque), copy.deepcopy(deque([[1], [2]])))
q = deque()
for i in range(1000):
    q.append(i)
total = 0
while q:
    total += q.popleft()
print(total)
print(deque(maxlen=2, iterable=[1, 2, 3]))
print(sum(deque(range(100))), max(deque([3, 1, 2])), sorted(deque([3, 1, 2])))
