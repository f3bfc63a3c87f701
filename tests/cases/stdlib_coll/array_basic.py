from array import array
import array as array_mod

a = array('i', [1, 2, 3])
print(a, len(a), a[0], a[-1], a.typecode, a.itemsize, list(a), a.tolist())
a.append(4); a.extend([5, 6]); a.insert(0, 0); a.insert(-1, 99)
print(a, a.pop(), a.pop(0), a)
a.remove(99); print(a, a.index(3), a.count(2), 3 in a, 42 in a)
a.reverse(); print(a)
print(a[1:3], a[::-1], a[::2], type(a[1:3]).__name__)
a[0] = 100; a[1:3] = array('i', [7, 8, 9]); print(a)
del a[0]; del a[::2]; print(a)
print(array('d', [1.5, 2.25]), array('f', [0.1]), array('f', [0.1])[0], array('d'), array('i'), array('u', 'hello'))
b = array('h', [1, -2, 3])
print(b.tobytes(), array('h', b.tobytes()), array('B', b'\x01\x02\xff'), array('b', b'\xff\x01'))
c = array('H'); c.frombytes(b'\x01\x00\xff\xff'); print(c)
print(array('q', [2**63 - 1, -2**63]), array('Q', [2**64 - 1]), array('L', [2**64 - 1])[0])
print(array('i', [1, 2]) == array('i', [1, 2]), array('i', [1, 2]) == array('d', [1.0, 2.0]), array('i', [1]) < array('i', [2]), array('i', [1]) == [1])
print(array('i', [1, 2]) + array('i', [3]), array('i', [1, 2]) * 3, 2 * array('b', [5]), array('i', [1]) * 0)
x = array('d', [1.0]); x += array('d', [2.0]); x *= 2; print(x)
u = array('u', 'abc'); u.append('d'); u.fromunicode('ef'); print(u, u.tounicode(), u[1], u.tolist())
print(sum(array('i', range(100))), max(array('d', [3.5, 1.25])), sorted(array('i', [3, 1, 2])))
print(array('i', array('b', [1, 2])), array('d', range(3)), array_mod.typecodes)
s = array('I', [1, 2, 3]); s.byteswap(); print(s)
print(array('i', (x * x for x in range(5))))
def err(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
for code in 'bBhHiIlLqQ':
    for v in (2**70, 2**40 if code in 'bBhHiI' else 2**64, -1, -2**70):
        err(lambda: array(code, [v]))
err(lambda: array('i', [1.5]))
err(lambda: array('x'))
err(lambda: array('d', ['a']))
err(lambda: array('i', 'abc'))
err(lambda: array('u', [1]))
err(lambda: array('i', [1]) + array('d', [1]))
err(lambda: array('i', [1]) + [1])
err(lambda: array('i').pop())
err(lambda: array('i', [1]).remove(5))
err(lambda: array('i', [1]).index(5))
err(lambda: array('i', [1])[3])
err(lambda: array('i', b'abc'))
class MyArr(array):
    def total(self):
        return sum(self)
m = MyArr('i', [1, 2, 3])
print(m, m.total(), isinstance(m, array), type(m[:2]).__name__)
import collections.abc
print(isinstance(array('i'), collections.abc.MutableSequence), isinstance(array('d'), collections.abc.Sequence))
