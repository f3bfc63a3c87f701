import re

print(re.sub(r'\s+', ' ', '  hello    big\t\nworld  '))
print(re.sub(r'(\w+)@(\w+)', r'\2 at \1', 'joe@home ann@work'))
print(re.sub(r'(?P<word>\w+)', r'<\g<word>>', 'a bc'))
print(re.sub(r'(\w)(\w)', r'\g<2>\g<1>', 'abcdef'))
print(re.sub(r'a', r'\n\t\\', 'bab'))
print(re.sub(r'x*', '-', 'abxd'))
print(re.sub(r'', '-', 'abc'))
print(re.sub(r'\b', '|', 'hi there'))
print(re.sub(r'a', 'b', 'aaaa', count=2), re.sub(r'a', 'b', 'aaaa', 3))
print(re.subn(r'a', 'b', 'banana'), re.subn(r'z', 'b', 'banana'))
print(re.sub(r'\d+', lambda m: str(int(m.group()) * 2), 'a1 b22 c333'))
print(re.sub(r'(?P<n>\d+)', lambda m: m['n'].zfill(4), 'x7y42'))
print(re.sub(r'[aeiou]', lambda m: m.group().upper(), 'programming language'))
print(re.sub('(a)|b', r'[\1]', 'ab'))
print(re.sub(r'(\d)', r'\g<1>0', '123'))
print(re.sub(r'\.', r'\\.', 'a.b.c'))
print(re.sub('a', lambda m: '', 'banana'))
print(re.sub(b'a+', b'<\\g<0>>', b'baaad'))
print(re.sub(b'a', lambda m: b'A', b'banana'))
p = re.compile(r'(\d{3})-(\d{4})')
print(p.sub(r'(\1) \2', 'call 555-1234 or 555-9876'), p.subn(r'\2', '555-1234'))
print(p.sub(r'\2', 'call 555-1234 or 555-9876', count=1))
# camelCase -> snake_case
def snake(name):
    s1 = re.sub('(.)([A-Z][a-z]+)', r'\1_\2', name)
    return re.sub('([a-z0-9])([A-Z])', r'\1_\2', s1).lower()
print([snake(n) for n in ['CamelCase', 'getHTTPResponseCode', 'already_snake', 'HTTPServer']])
# expand with octal escapes
print(re.sub('x', r'\101\0', 'axb'))
# callable returning non-str
try:
    re.sub('a', lambda m: 1, 'bab')
except TypeError as e:
    print('TypeError', e)
try:
    re.sub('(a)', r'\2', 'a')
except re.error as e:
    print('error', e)
try:
    re.sub('(a)', r'\g<foo>', 'a')
except IndexError as e:
    print('IndexError', e)
try:
    re.sub('(a)', r'\g<1', 'a')
except re.error as e:
    print('error', e)
try:
    re.sub('a', r'\q', 'a')
except re.error as e:
    print('error', e)
