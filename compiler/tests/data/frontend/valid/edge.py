def f(
    a,
    b,
):
	return a  # tab indented

x = [
    1,
    # comment inside brackets
    2,
]
s = '''triple with "quotes" and \'''escaped\''' '''
if True:
    if False:
        pass
    # dedent comment
  
x = 1 if True else 2
@property
def p(self): return self._p
for x, in y: pass
x, = y
[a, b] = c
(a, b) = c
a = b = c = 1
f()(g)[h].i
x = -1 ** 2
x = (-1) ** 2
x = 2 ** -1
x = a.b.c.d
x = not not a
x = a if b else c if d else e
x = lambda: (yield)
x = [*a, *b]
x = (*a, *b)
print(f"{x}" f"{y}" "z")
print(f"{x!r}")
x = f'{"a" if b else "c"}'
try:
    pass
finally:
    pass
with a: pass
while 1: x = 1; y = 2
global a, b
x = "\N{BULLET}"
x = 0
x = 00
x = 0.0
x = 0e0
x = 1_0.0_1e1_0
x = 0j
x = 1E+5
x = 10000000000000000.0
x = 0.0001
x = 0.00001
x = 1.5e300 * 1.5e300
