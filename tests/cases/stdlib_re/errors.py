import re

bad = [
    '(', '(abc', 'abc)', ')', '[a', '[a-', '[z-a]', 'a**', '*a', '+', '?', 'a{2,1}',
    '(?P<1a>x)', '(?P<a>x)(?P<a>y)', '(?P=nope)', r'\1', r'(a)\2', '(?<=a+)b',
    '(?<=a|bc)d', '(?', '(?z)', '(?i', r'\p', r'\x1', r'\u12', 'a{', 'x{1,2',
    '(?(1)a|b|c)', '(?(x)a)', '(?#abc', '(?P', '(?P<', '(?P<a', '(?P<a>', '(?-i)', '(?i-i:a)',
    'a|*', '(?<!a*)', '[]', '[^]', r'\c', r'\\\\\Z\b\8', '(?P<a>a)(?P>a)', '(?x)(\n a',
    'abc\n(def', '{1,2}', 'a{1,2}{3}', '(?i)(?a)(?u)x', r'[\d-z]', r'(?<a>)',
]
for p in bad:
    try:
        re.compile(p)
        print(repr(p), 'compiled')
    except re.error as e:
        print(repr(p), '->', e, '|', e.msg, e.pos, e.lineno, e.colno)
    except ValueError as e:
        print(repr(p), 'ValueError', e)
try:
    re.compile(b'(?u)x')
except (ValueError, re.error) as e:
    print(type(e).__name__, e)
try:
    re.compile('(?L)x')
except (ValueError, re.error) as e:
    print(type(e).__name__, e)
try:
    re.compile('x', re.A | re.U)
except (ValueError, re.error) as e:
    print(type(e).__name__, e)
try:
    re.compile(re.compile('x'), re.I)
except (ValueError, re.error) as e:
    print(type(e).__name__, e)
for f, args in [(re.match, ('x', b'x')), (re.match, (b'x', 'x')), (re.search, ('x', 5)),
                (re.compile, (5,)), (re.findall, ('x', None)), (re.sub, ('x', 'y', 3))]:
    try:
        f(*args)
    except TypeError as e:
        print('TypeError', e)
m = re.match(r'(a)(?P<n>b)', 'ab')
for g in [3, -1, 'x', 'n', 1.5]:
    try:
        print(m.group(g))
    except IndexError as e:
        print('IndexError', e)
try:
    m.start(5)
except IndexError as e:
    print('IndexError', e)
try:
    print(m['zz'])
except IndexError as e:
    print('IndexError', e)
e = re.error('boom', 'a\nbc', 3)
print(e, e.lineno, e.colno, e.pos, e.pattern)
print(re.error.__module__, re.error.__name__, issubclass(re.error, Exception))
try:
    re.compile('(?P<name>a)(?P=name')
except re.error as e:
    print(e)
