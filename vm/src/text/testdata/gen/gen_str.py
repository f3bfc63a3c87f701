import random
random.seed(6)
SEP='\ue000'
def rs(s):
    return '"' + ''.join(c if 32<=ord(c)<127 and c not in '"\\' else '\\u{%x}'%ord(c) for c in s) + '"'
strs=['', ' ', 'a', 'abc', '  hello   world  ', 'a\tb\nc\rd\x0be\x0cf\x1cg\x1dh\x1ei\x1fj\x85k\xa0l\u2028m\u2029n\u3000o', 'line1\r\nline2\n\nline3\r', '\n', '\r\n\r\n', 'x\u2028', 'ß', 'ǆǅǄ', 'ΣΑΣ ΑΣ Σ', 'ὈΣ', 'hello WORLD', "they're bill's friends", 'ﬁ ﬂ', 'İstanbul', 'ŉ', 'a1b2', 'Σ.', 'AΣ\u0301b', 'A\u0345Σ', 'ǳa', 'hello_world123', '٣٤', '²³', '½', '五', 'x²', 'Ⅻ', '\t\tx\ty\n\tz', 'ab\tc\r\td', '-42', '+7', '42', '-', 'aaa', 'a,b,,c,', ',', 'éÉ', 'ÿ', 'ſ', 'ﬀ', 'ΐ', 'Ⓐⓐ', '𐐀𐐨', 'DŽ', 'abc DEF ghi', 'Hello World', 'Hello world', 'HELLO', '123', '1 2 3', 'ǅa', 'aǅ', '\U0001F600x', 'a\u0300b', '_', '_a1', '1a', 'a-b', 'αβγ', 'if', '\u2160abc']
for i in range(40):
    strs.append(''.join(chr(random.choice([random.randint(0x20,0x7e),random.randint(0xa0,0x2fff),random.choice([9,10,13,0x85,0x2028,0x3a3,0x3c3,0x1c])])) for _ in range(random.randint(1,10))))
out=[]
def j(l): return SEP.join(l)
def b(x): return 'True' if x else 'False'
for s in strs:
    for m in [-1,0,1,2]:
        out.append(('split_ws', s, str(m), j(s.split(None,m))))
        out.append(('rsplit_ws', s, str(m), j(s.rsplit(None,m))))
        for sep in [',', 'a', 'aa', ' ', 'ß']:
            out.append(('split_sep', s, sep+SEP+str(m), j(s.split(sep,m))))
            out.append(('rsplit_sep', s, sep+SEP+str(m), j(s.rsplit(sep,m))))
    for k in [0,1]:
        out.append(('splitlines', s, str(k), j(s.splitlines(bool(k)))))
    for ch in [None, 'ab', ' \t', '']:
        a='' if ch is None else 'S'+ch
        out.append(('strip', s, a, s.strip(ch)))
        out.append(('lstrip', s, a, s.lstrip(ch)))
        out.append(('rstrip', s, a, s.rstrip(ch)))
    for m in ['upper','lower','casefold','title','capitalize','swapcase']:
        out.append((m, s, '', getattr(s,m)()))
    for w in [-1,0,3,4,7,8,15]:
        out.append(('center', s, str(w), s.center(w,'*')))
        out.append(('ljust', s, str(w), s.ljust(w,'é')))
        out.append(('rjust', s, str(w), s.rjust(w)))
        out.append(('zfill', s, str(w), s.zfill(w)))
    for n in [-1,0,1,4,8]:
        out.append(('expandtabs', s, str(n), s.expandtabs(n)))
    for m in ['isalpha','isdecimal','isdigit','isnumeric','isalnum','isspace','isprintable','isascii','isidentifier','islower','isupper','istitle']:
        out.append((m, s, '', b(getattr(s,m)())))
with open('testdata/strmethods.rs','w') as f:
    f.write('&[\n')
    for m,s,a,r in out: f.write('(%s, %s, %s, %s),\n' % (rs(m), rs(s), rs(a), rs(r)))
    f.write(']\n')
# full-range hashes
def h(fn):
    x=0xcbf29ce484222325
    for v in range(0x110000):
        if 0xd800<=v<0xe000: continue
        for byte in fn(chr(v)).encode()+b'\xff':
            x=((x^byte)*0x100000001b3)&(2**64-1)
    return x
hs={}
for m in ['isalpha','isdecimal','isdigit','isnumeric','isalnum','isspace','isidentifier','islower','isupper','istitle']:
    hs[m]=h(lambda c: '1' if getattr(c,m)() else '0')
hs['cont']=h(lambda c: '1' if ('a'+c).isidentifier() else '0')
for m in ['upper','lower','casefold','title','capitalize','swapcase']:
    hs[m]=h(lambda c: getattr(c,m)())
with open('testdata/char_hashes.rs','w') as f:
    f.write('&[\n')
    for k,v in hs.items(): f.write('("%s", %#x),\n' % (k,v))
    f.write(']\n')
print(len(out))
