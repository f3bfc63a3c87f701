import copy
import re

print(re.compile('').match('abc', 2, 1), re.compile('a*').search('abc', 2, 1), re.compile('').fullmatch('abc', 2, 1))
print(list(re.compile('').finditer('abc', 2, 1)), re.compile('x*').scanner('abc', 2, 1).match())
print(re.compile(r'\b').match('abc', 3, 3), re.compile('$').match('ab\n', 2, 1), re.compile('').findall('abc', 2, 1))
print(re.compile('a').match('a', -5, 100), re.compile('a').search('ba', 10), re.compile('').search('ab', 5))
m = re.search('x' * 80, 'y' + 'x' * 100)
print(m)
print(re.match('.*', 'é' * 60))
print(re.match(b'.*', b'\x00\xff' * 30))
p = re.compile(r'(?P<w>\w+)')
print(copy.copy(p) is p, copy.deepcopy(p) is p)
m = p.match('hello')
print(copy.copy(m) is m, copy.deepcopy(m) is m)
print(re.Pattern[str], re.Match[bytes])

class S(str):
    pass
m = re.search(r'l+', S('hello'))
print(m.group(), type(m.group()).__name__, type(m.string).__name__, m.string)
print(re.sub('l', 'L', S('hello')), type(re.sub('l', 'L', S('hello'))).__name__, type(re.sub('z', 'L', S('hello'))).__name__)

# empty matches next to non-empty ones (3.7+ rules)
print(re.sub('x*', '-', 'abxd'), re.findall(r'\b|:+', 'a::bc'), re.split(r'\b|:+', 'a::bc'))
print([m.span() for m in re.finditer(r'a|(?=b)|b', 'ab')])
print(re.sub(r'(?:)', '|', ''), re.subn('^', '>', 'a\nb\nc', flags=re.M))

# scanner exhaustion
sc = re.compile('a').scanner('aab')
print(sc.search(), sc.search(), sc.search(), sc.search(), sc.match())

# group() with many arguments and default values
m = re.match(r'(a)(b)?(?P<c>c)?', 'a')
print(m.group(0, 1, 2, 'c'), m.groups(0), m.groupdict(''), m.span('c'), m.regs)
print(m.group(True), m[False])
print(re.match(r'(?:(a)|(b))*', 'ab').groups(), re.match(r'(a)*', 'aaa').span(1))
print(re.match(r'(a)|(b)', 'b').lastindex, re.match(r'(a)(?:(b)|c)', 'ac').lastindex)
print(re.match(r'((a)(b))', 'ab').lastindex, re.match(r'(?P<x>(?P<y>a))', 'a').lastgroup)

# non-string replacement objects and templates with unusual groups
print(re.sub('(a)', r'\g<0>\g<1>', 'bab'), re.sub('a', '\\\\', 'bab'), re.sub('a', r'\\\\', 'a'))
print(re.sub('(?P<x>a)', r'\g<x>\g<x>', 'aa'))
print(re.sub(r'(\d+)', lambda m: None or '', 'a1b2'))
print(re.compile(r'a(?#comment)b').match('ab'), re.compile(r'(?x) a  # c\n b').match('ab'))
print(re.fullmatch(r'a{,3}', 'aaa'), re.fullmatch(r'a{2}', 'aa'), re.fullmatch(r'a{0}', ''), re.match(r'x{1,}', 'xxx'))
print(re.match(r'\x41\u0042\U00000043\101\0', 'ABCA\x00'), re.match(r'[\x00-\x1f]+', '\t\n\r'))
print(re.match(r'(?s:.)(?m:^)?', '\n'), re.match(r'(?ix: a b )', 'AB'))
