import re

m = re.match(r'(\w+) (\w+)', 'Isaac Newton, physicist')
print(m)
print(m.group(0), '|', m.group(1), '|', m.group(2))
print(m.group(1, 2), m.groups(), m[0], m[1], m[2])
print(m.span(), m.start(1), m.end(1), m.span(2))
print(m.pos, m.endpos, m.lastindex, m.lastgroup, m.regs)
print(m.re, m.string)

m = re.match(r'(?P<first_name>\w+) (?P<last_name>\w+)', 'Malcolm Reynolds')
print(m.group('first_name'), m['last_name'], m.groupdict())
print(m.lastindex, m.lastgroup, m.start('last_name'), m.span('first_name'))

print(re.search(r'\d+', 'abc 123 def 456'))
print(re.search(r'\d+', 'no digits here'))
print(re.match(r'\d+', 'abc 123'))
print(re.fullmatch(r'\d+', '12345'), re.fullmatch(r'\d+', '12345a'))
print(re.fullmatch(r'a|ab', 'ab'))
print(re.findall(r'\d+', 'a1b22c333d'))
print(re.findall(r'(\w)(\d)', 'a1 b2 c3'))
print(re.findall(r'(\w)\d', 'a1 b2 c3'))
print(re.findall(r'', 'abc'))
print(re.findall(r'x*', 'axxb'))
print([m.span() for m in re.finditer(r'\w+', 'hello big world')])
print([m.group() for m in re.finditer(r'x*', 'axxb')])

# optional groups
m = re.match(r'(a)(b)?(c)?', 'ac')
print(m.groups(), m.groups('-'), m.group(2), m.span(2), m.start(2), m.lastindex)
m = re.match(r'(?P<a>a)(?P<b>x)?', 'a')
print(m.groupdict(), m.groupdict(default='?'))

# pos and endpos
p = re.compile(r'\w+')
print(p.match('  abc', 2), p.search('abc def', 1), p.search('abc def', 4, 6))
print(p.findall('one two three', 4), p.findall('one two three', 0, 6))
print(re.compile('^a').match('ba', 1), re.compile('^a', re.M).search('b\na', 1))
m = p.search('hello world', 3, 8)
print(m.pos, m.endpos, m.group())

# pattern attributes
p = re.compile(r'(?P<x>a)(b)(?P<y>c)', re.I)
print(p.pattern, p.flags, p.groups, p.groupindex)
print(p, re.compile(r'x', re.M | re.S), re.compile(b'x'), re.compile('x', re.A))
print(re.compile(r'a' * 300))
print(re.match('a' * 100, 'a' * 100))
print(p == re.compile(r'(?P<x>a)(b)(?P<y>c)', re.I), p == re.compile('x'), hash(p) == hash(re.compile(r'(?P<x>a)(b)(?P<y>c)', re.I)))
print(type(p).__name__, type(p.match('abc')).__name__, isinstance(p, re.Pattern), isinstance(p.match('abc'), re.Match))

# lastindex with nested groups
m = re.match(r'(a(b)c)', 'abc')
print(m.lastindex, m.groups())
m = re.match(r'(a)(b)', 'ab')
print(m.lastindex)
m = re.match(r'((a)|b)+', 'ab')
print(m.groups(), m.lastindex)

# expand
m = re.search(r'(?P<k>\w+)=(?P<v>\w+)', 'x: key=value')
print(m.expand(r'\g<v> <- \1 (\g<0>) \\ \n'.replace('\\n', 'N')))
print(m.expand(r'[\2]'))

# escape
print(re.escape('a.b*c?d+e(f)g[h]i{j}k|l^m$n\\o p-q#r&s~t'))
print(re.escape(b'1+1=2'))
re.purge()
