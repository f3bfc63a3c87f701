# Long subjects: the engine backtracks with an explicit stack, so nothing overflows.
import re

s = 'ab' * 50000
m = re.match(r'(a|b)*', s)
print(m.span(), m.group(1))
m = re.match(r'(?:ab)*c?', s)
print(m.span())
m = re.match(r'(ab)+?$', s)
print(m.span(), m.lastindex)
print(re.fullmatch(r'(?:a|b)+', s) is not None, re.fullmatch(r'(?:a|b)+c', s))
print(len(re.findall(r'.*?b', s)), re.search(r'(a+|b+)*x', 'ab' * 10))
big = 'x' * 200000 + 'y'
print(re.search(r'x*y', big).span(), re.search(r'(x)*y', big).span(), re.match(r'.*?y', big).end())
print(re.search(r'(?<=x)y', big).start(), re.search(r'x{3}y', big).start())
lines = '\n'.join('line %d: value=%d' % (i, i * i) for i in range(20000))
vals = re.findall(r'^line (\d+): value=(\d+)$', lines, re.M)
print(len(vals), vals[-1], sum(int(v) for _, v in vals) % 1000003)
print(len(re.sub(r'(\d)', r'<\1>', lines)), re.subn(r'e', 'E', lines)[1])
nested = '(' * 3000 + ')' * 3000
print(re.fullmatch(r'[()]*', nested) is not None, len(re.findall(r'\(+', nested)))
words = ' '.join('w%d' % i for i in range(50000))
print(len(re.split(r'\s+', words)), re.split(r'(\s)', words)[:5])
print(re.search(r'(\w+)\s+\1\b', words + ' w49999'))
