import json
from collections import OrderedDict

data = {
    'name': 'pvm', 'version': 3.11, 'tags': ['a', 'b', 'é', '\u2603', 'tab\there', 'quote"'],
    'nested': {'x': [1, 2, {'y': None}], 'empty': {}, 'list': []},
    'flags': [True, False, None], 'big': 12345678901234567890, 'neg': -0.0, 'exp': 1e-7, 'f': 1.5e300,
    3: 'int key', 2.5: 'float key', None: 'none key', False: 'bool key',
}
print(json.dumps(data))
print(json.dumps(data, sort_keys=False, ensure_ascii=False))
print(json.dumps(data, indent=2, default=str, sort_keys=False))
print(json.dumps([1, [2, [3, {}]]], indent=4))
print(json.dumps({'b': 1, 'a': [1, 2]}, sort_keys=True, separators=(',', ':')))
print(json.dumps({'a': 1, 'b': 2}, indent='\t'))
print(json.dumps('\x00\x1f\x7f\ud7ff'), json.dumps('\U0001f600'), json.dumps('\U0001f600', ensure_ascii=False))
print(json.dumps((1, 2)), json.dumps(float('inf')), json.dumps([float('nan'), float('-inf')]))
print(json.dumps(OrderedDict([('z', 1), ('a', 2)])))


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y


def enc(o):
    if isinstance(o, Point):
        return {'x': o.x, 'y': o.y}
    raise TypeError(f'Object of type {o.__class__.__name__} is not JSON serializable')


print(json.dumps([Point(1, 2), Point(3, 4)], default=enc))


class MyEncoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, set):
            return sorted(o)
        return super().default(o)


print(json.dumps({'s': {3, 1, 2}}, cls=MyEncoder))
print(json.dumps({'s': {3, 1, 2}}, cls=MyEncoder, indent=1))
try:
    json.dumps(object())
except TypeError as e:
    print('TypeError', e)
try:
    json.dumps(float('nan'), allow_nan=False)
except ValueError as e:
    print('ValueError', e)
try:
    json.dumps({(1, 2): 3})
except TypeError as e:
    print('TypeError', e)
print(json.dumps({(1, 2): 3, 'ok': 1}, skipkeys=True))
a = []
a.append(a)
try:
    json.dumps(a)
except ValueError as e:
    print('ValueError', e)

text = json.dumps(data)
back = json.loads(text)
print(back == {str(k).lower() if k is not None else 'null': v for k, v in []} or sorted(back.keys()))
print(back['nested'], back['tags'], back['big'], back['neg'], back['3'], back['2.5'], back['null'], back['false'])
print(json.loads('[1, 2.5, -3e2, true, false, null, "x", {"a": {}}, []]'))
print(json.loads('{"a": 1, "a": 2}'), json.loads(' "\\u00e9\\ud834\\udd1e\\n\\t\\"\\\\\\/" '))
print(json.loads('NaN'), json.loads('-Infinity'), json.loads('12345678901234567890123'), json.loads('-0'), json.loads('1E400'))
print(json.loads('{"x": 1.5}', parse_float=lambda s: 'F' + s), json.loads('[7]', parse_int=lambda s: int(s) * 2))
print(json.loads('{"b": 1, "a": 2}', object_pairs_hook=OrderedDict))
print(json.loads('{"b": 1, "a": {"c": 2}}', object_hook=lambda d: sorted(d.items())))
print(json.loads('[NaN]', parse_constant=lambda c: c))
print(json.loads(b'{"bytes": true}'), json.loads('"\\u20ac"'))
for bad in ['{"a" 1}', '[1 2]', '{1:2}', '"ab', '"a\\x"', '-', '', '  ', 'nul', '[', '{', '{"a":', '[1,]', '{"a":1,}',
            '"\\u12"', '"\\uzzzz"', '1.', '[1]x', '"a\x01"', '\n\n  [1,\n  2,,]', '{"a"', '["a",']:
    try:
        print(repr(bad), json.loads(bad))
    except json.JSONDecodeError as e:
        print(repr(bad), 'JSONDecodeError:', e, '|', e.msg, e.pos, e.lineno, e.colno)
print(json.loads('"a\x01"', strict=False))
d = json.JSONDecoder()
print(d.raw_decode('{"a": 1} trailing'), d.decode('  [1]  '))
print(json.JSONEncoder(sort_keys=True, indent=1).encode({'b': [], 'a': 0}))
print(list(json.JSONEncoder().iterencode({'a': [1, 2]})))
