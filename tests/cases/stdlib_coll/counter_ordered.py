from collections import Counter, OrderedDict, ChainMap, defaultdict, UserDict, UserList, UserString
import copy

c = Counter('abracadabra')
print(c, c['a'], c['z'], len(c))
print(c.most_common(2), c.most_common())
print(sorted(c.elements()), ''.join(sorted(c)))
c.update('aaz'); print(c)
c.subtract({'a': 10}); print(c)
print(+c, -c)
d = Counter(a=3, b=1) ; e = Counter(a=1, b=2)
print(d + e, d - e, d | e, d & e)
print(Counter({'x': 2}) == Counter(x=2), Counter() == Counter(), Counter(a=0) == Counter())
print(c.total(), Counter(['x', 'y', 'x']).total())
words = 'the quick brown fox jumps over the lazy dog the end'.split()
wc = Counter(words)
print(wc.most_common(3))
print(repr(Counter()), Counter({'b': 1, 'a': 3, 'c': 2}))
del wc['the']; print(wc['the'], 'the' in wc)
print(dict(Counter('hello')))
x = Counter(a=1); x['b'] += 5; print(x)
print(Counter('aab') <= Counter('aabc'), Counter('aab') < Counter('aab'))
od = OrderedDict()
od['b'] = 1; od['a'] = 2; od['c'] = 3
print(od, list(od), list(od.items()))
od.move_to_end('b'); print(list(od))
od.move_to_end('b', last=False); print(list(od))
print(od.popitem(), od.popitem(last=False), od)
o1 = OrderedDict([('x', 1), ('y', 2)]); o2 = OrderedDict([('y', 2), ('x', 1)])
print(o1 == o2, dict(o1) == dict(o2), o1 == {'y': 2, 'x': 1})
print(repr(OrderedDict()), OrderedDict.fromkeys('abc', 0))
o1.update(z=3); o1.setdefault('w', 4); print(o1, o1.pop('x'), o1)
print(list(reversed(o1)), copy.copy(o1), o1.copy() == o1)
cm = ChainMap({'a': 1}, {'a': 2, 'b': 3})
print(cm['a'], cm['b'], len(cm), sorted(cm), cm.get('z', 0))
cm2 = cm.new_child({'c': 4}); print(cm2['c'], cm2.parents['a'], cm2.maps)
cm['z'] = 26; print(cm.maps[0], cm)
dd = defaultdict(list)
for k, v in [('a', 1), ('b', 2), ('a', 3)]:
    dd[k].append(v)
print(dd, dict(dd), dd.default_factory)
di = defaultdict(int); di['x'] += 1; di['y']; print(di, len(di), 'z' in di, di.get('z'))
print(repr(defaultdict()), defaultdict(None, {'a': 1}))
dc = dd.copy(); dc['c'].append(9); print(type(dc).__name__, dc, dd)
print(copy.deepcopy(dd), copy.copy(di))
def err(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
err(lambda: defaultdict(None)['q'])
err(lambda: defaultdict(5))
nested = defaultdict(lambda: defaultdict(int))
nested['a']['b'] += 2; print(nested['a']['b'], isinstance(nested, dict))
class MyDD(defaultdict):
    pass
m = MyDD(set); m[1].add(2); print(m, m | {3: 4}, {0: 1} | m)
class UD(UserDict):
    def __setitem__(self, k, v):
        super().__setitem__(k, v * 2)
u = UD({'a': 1}); u['b'] = 2; print(u, u.data, len(u), 'a' in u, dict(u))
ul = UserList([3, 1, 2]); ul.sort(); ul.append(4); print(ul, ul[1:], ul + [5], len(ul))
us = UserString('hello'); print(us.upper(), us + '!', us[1:3], len(us), us == 'hello')
print(isinstance(Counter(), dict), isinstance(od, dict))
