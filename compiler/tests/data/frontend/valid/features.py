# -*- coding: utf-8 -*-
"""Module docstring."""
from __future__ import annotations
import os, sys as system
from . import a
from ..pkg.mod import (b as c, d,)
from ... import e
x = 1; y = 2
a, *b = c, d = [1, 2]
x += 1; x -= 1; x *= 2; x /= 2; x //= 2; x %= 3; x **= 2; x >>= 1; x <<= 1; x &= 1; x |= 1; x ^= 1; x @= m
t: int = 5
(u): int
obj.attr: str
lst[0]: float = 1.0
del a, b[0], c.d
del (e, f), [g]
assert x, "msg"
raise
raise E from None
global gg
def f(a, b=1, /, c=2, *args, d, e=3, **kw) -> int:
    nonlocal_ = 1
    return a
async def g(x: int = 1, *, y: "str") -> None:
    await x
    async for i in y:
        pass
    async with a as b, c:
        pass
    return [i async for i in x]
lambda: 0
lambda x, /, y=1, *a, z, **k: x + y
@dec
@dec.attr(1)
@(lambda f: f)
class C(Base, metaclass=M, **kw):
    '''doc'''
    x: int
    def m(self): ...
if a: pass
elif b: pass
else: pass
while x:
    break
else:
    continue
for i, (j, k) in enumerate(z):
    pass
else:
    pass
try:
    pass
except ValueError as e:
    pass
except (A, B):
    pass
except:
    pass
else:
    pass
finally:
    pass
try:
    pass
except* OSError as eg:
    pass
with open(f) as fh, open(g):
    pass
with (open(f) as fh, open(g) as gh,):
    pass
with (a, b):
    pass
with (yield):
    pass
x = a if b else c
x = not a and b or c and not d
x = a < b <= c > d >= e == f != g is h is not i in j not in k
x = a | b ^ c & d << e >> f + g - h * i / j // k % l @ m ** -n ** ~o
x = +a, -b, ~c
x = (y := 10)
x = [1, 2, *r, ]
x = {1, 2, *s}
x = {1: 2, **d, 3: 4}
x = {}
x = ()
x = (1,)
x = [i for i in range(10) if i if i > 2 for j in i]
x = {i for i in y}
x = {k: v for k, v in z}
x = (i for i in y)
f(i for i in y)
f(a, *b, c=1, **d, e=2)
f(*a, *b, **c, **d)
x = a[1:2, ::3, 4:, :5, ...]
x = a[1:2:3]
x = a[:]
x = a[b, c]
x = a[b,]
x = a[*b]
x = 0xFF + 0o17 + 0b1010 + 1_000_000 + 0_0 + 1.5 + .5 + 5. + 1e10 + 1.5E-3 + 3j + 1.5J + 1e5j + 123456789012345678901234567890
x = 1e308 * 10 + 1e-320 + 0.1 + 1e16 + 1e15 + 123.456e-7
x = 'a' "b" '''c''' """d"""
x = r'\n' R"\d" u'uni' U"x"
x = b'bytes' B"x" rb'\x' Rb"y" br'z'
x = "\x41\101\u0042\U00000043\n\t\\\'\"\a\b\f\v\r\0 \q"
x = b"\x41\101\n\q\\"
x = "abc\
def"
x = f"{a}" F"{b!r}" f'{c!s:>{w}}' rf"{d}\n" fr'{e!a}'
x = f"{a=}" f"{b = !r}" f"{c=:10}" f"{{literal}}" f"{'nested'}" f"{x:{y}.{z}}"
x = f"""multi
{line} and {
    other
}"""
x = f"{a + b:10.{prec}f}"
x = f"{lambda_ if cond else other}"
x = f"{x!r:^20}" "plain" f"{y}"
x = f"{3.14:.2f} {'%s' % v}"
x = ...
x = None, True, False
x = yield
x = yield 1
x = yield from g
print(*args, sep='')
match command.split():
    case [action]:
        pass
    case [action, obj]:
        pass
    case Point(x=0, y=0) | Point(1, 2):
        pass
    case {"x": x, "y": y, **rest}:
        pass
    case [1, 2, *others] if others:
        pass
    case (a, b) as pair:
        pass
    case -1 | 1.5 | 2 + 3j | -4 - 5j | "s" "t" | b"" | None | True | False:
        pass
    case mod.CONST | mod.sub.CONST:
        pass
    case _:
        pass
match x, y:
    case a, *_:
        pass
match = 1
case = 2
match(x)
type = 3
x = \
    5
if (a and
    b):
    pass
class Ünïcödé:
    ärger = 1
ﬁle = 1
