# A small expression tokenizer and evaluator in the style of the re documentation.
import re
from collections import namedtuple

Token = namedtuple('Token', ['type', 'value', 'line', 'column'])

def tokenize(code):
    keywords = {'IF', 'THEN', 'ENDIF', 'FOR', 'NEXT', 'GOSUB', 'RETURN'}
    token_specification = [
        ('NUMBER',   r'\d+(\.\d*)?'),
        ('ASSIGN',   r':='),
        ('END',      r';'),
        ('ID',       r'[A-Za-z]+'),
        ('OP',       r'[+\-*/]'),
        ('NEWLINE',  r'\n'),
        ('SKIP',     r'[ \t]+'),
        ('MISMATCH', r'.'),
    ]
    tok_regex = '|'.join('(?P<%s>%s)' % pair for pair in token_specification)
    line_num = 1
    line_start = 0
    for mo in re.finditer(tok_regex, code):
        kind = mo.lastgroup
        value = mo.group()
        column = mo.start() - line_start
        if kind == 'NUMBER':
            value = float(value) if '.' in value else int(value)
        elif kind == 'ID' and value in keywords:
            kind = value
        elif kind == 'NEWLINE':
            line_start = mo.end()
            line_num += 1
            continue
        elif kind == 'SKIP':
            continue
        elif kind == 'MISMATCH':
            kind = 'ERROR'
        yield Token(kind, value, line_num, column)

statements = '''
    IF quantity THEN
        total := total + price * quantity;
        tax := price * 0.05;
    ENDIF;
    x := 3 $ 4;
'''
for token in tokenize(statements):
    print(token)

# re.Scanner
def s_ident(scanner, token): return ('ident', token)
def s_operator(scanner, token): return ('op', token)
def s_float(scanner, token): return ('float', float(token))
def s_int(scanner, token): return ('int', int(token))
scanner = re.Scanner([
    (r'[a-zA-Z_]\w*', s_ident),
    (r'\d+\.\d*', s_float),
    (r'\d+', s_int),
    (r'=|\+|-|\*|/|\(|\)', s_operator),
    (r'\s+', None),
])
print(scanner.scan('sum = 3*foo + 312.50 + bar'))
print(scanner.scan('x = 1 ! y'))

# scanner objects
sc = re.compile(r'\s*(\w+|[^\w\s])').scanner('a + bc*(d)')
out = []
while True:
    m = sc.match()
    if not m:
        break
    out.append(m.group(1))
print(out, sc.pattern.pattern)
sc = re.compile(r'\d+').scanner('a1b22c333')
print([m.group() for m in iter(sc.search, None)], sc.search())

# recursive descent over tokens
def parse_expr(text):
    toks = re.findall(r'\d+|[-+*/()]', text)
    pos = 0
    def peek():
        return toks[pos] if pos < len(toks) else None
    def take():
        nonlocal pos
        pos += 1
        return toks[pos - 1]
    def atom():
        t = take()
        if t == '(':
            v = expr()
            take()
            return v
        if t == '-':
            return -atom()
        return int(t)
    def term():
        v = atom()
        while peek() in ('*', '/'):
            if take() == '*':
                v *= atom()
            else:
                v //= atom()
        return v
    def expr():
        v = term()
        while peek() in ('+', '-'):
            if take() == '+':
                v += term()
            else:
                v -= term()
        return v
    return expr()
for e in ['1+2*3', '(1+2)*3', '10/3 - -4', '2*(3+(4-1))*2']:
    print(e, '=', parse_expr(e))
