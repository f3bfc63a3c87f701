import random
random.seed(3)
def rs(s):
    return '"' + ''.join(c if 32<=ord(c)<127 and c not in '"\\' else '\\u{%x}'%ord(c) for c in s) + '"'
cases=['', 'a', "'", '"', '\'"', "it's", 'say "hi"', 'both \' and "', '\\', '\n\t\r', '\x00\x01\x1f\x7f\x80\x9f\xa0\xad', 'é日本語', '\u2028\u2029\u200b\ufeff\ufffe\uffff', '\U0001F600\U000E0001\U0010FFFF\U000F0000', '\u0378\u0379', 'a\u0300', '\u3000\u1680\u2000', 'ÿĀ', '\x85', "'''", '"""', '\'\'"']
for i in range(200):
    n=random.randint(1,8)
    s=''.join(chr(random.choice([random.randint(0,0x7f),random.randint(0x80,0x2fff),random.randint(0,0xd7ff),random.randint(0xe000,0x10ffff)])) for _ in range(n))
    cases.append(s)
with open('testdata/str_repr.rs','w') as f:
    f.write('&[\n')
    for s in cases: f.write('(%s, %s, %s),\n' % (rs(s), rs(repr(s)), rs(ascii(s))))
    f.write(']\n')
bc=[b'', b"'", b'"', b'\'"', b'\\\n\r\t\x00\x7f\x80\xff', bytes(range(256))]
for i in range(50): bc.append(bytes(random.randint(0,255) for _ in range(random.randint(1,10))))
with open('testdata/bytes_repr.rs','w') as f:
    f.write('&[\n')
    for b in bc: f.write('(&[%s], %s),\n' % (', '.join(str(x) for x in b), rs(repr(b))))
    f.write(']\n')
h=0xcbf29ce484222325
for v in range(0x110000):
    p = 0 if 0xd800<=v<0xe000 else int(chr(v).isprintable())
    h=((h^p)*0x100000001b3) & (2**64-1)
open('testdata/printable_hash.rs','w').write('%#x\n'%h)
