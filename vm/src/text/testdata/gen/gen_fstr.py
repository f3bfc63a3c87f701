import _string
def rs(s):
    return '"' + ''.join(c if 32<=ord(c)<127 and c not in '"\\' else '\\u{%x}'%ord(c) for c in s) + '"'
S0='\ue000'; S1='\ue001'
T=['', 'abc', '{}', '{0}', '{x}', 'a{0}b{1}c', '{{', '}}', '{{}}', 'a{{b}}c', '{', '}', 'a}', 'a{', '{0', '{0!', '{0!r', '{0!r}', '{0!rx}', '{0!r:}', '{0!r:>5}', '{0:}', '{0:>{1}}', '{0:{1}{2}}', '{:{}}', '{0:{', '{0:}}', '{0[}', '{0[}]}', '{0[a]}', '{0[a}b]}', '{0.a.b[c][1]}', '{a{}', '{!r}', '{!}', '{0!}', '{0!}x', '{:}', '{0:{{}}}', '}{', '{}}', '{{}', 'x{0:d}y{1!s:^{2}}z', '{0]}', '{ }', '{0:\u00e9}', '\u00e9{0}\u00e9', '{0!\u00e9}', '{0!\x01}', '{0!r:{1:{2}}}', '{:{:{}}}', '{0:}}}', '{0:{}}}', '{[}', '{a[b}']
with open('testdata/format_string.rs','w') as f:
    f.write('&[\n')
    for t in T:
        try:
            chunks=[]
            for lit, name, spec, conv in _string.formatter_parser(t):
                if name is None: chunks.append(lit)
                else: chunks.append(S1.join([lit, name, spec, conv or '']))
            r='OK:'+S0.join(chunks)
        except ValueError as e: r='E:'+str(e)
        f.write('(%s, %s),\n' % (rs(t), rs(r)))
    f.write(']\n')
F=['', '0', '12', 'abc', 'a.b', 'a[0]', 'a[x]', 'a[x].y[1]', '0.x', '.x', '[0]', 'a.', 'a..b', 'a[', 'a[]', 'a[0]x', 'a[0].', '\u0661', '\u0661\u0662[\u0663]', 'a[1a]', 'a[-1]', '99999999999999999999999', 'a[99999999999999999999999]', 'x.y.z', 'a]b', 'a[b[c]', 'a[b]]']
with open('testdata/field_names.rs','w') as f:
    f.write('&[\n')
    for n in F:
        try:
            first, rest = _string.formatter_field_name_split(n)
            out=[('I%d'%first) if isinstance(first,int) else 'S'+first]
            for is_attr, k in rest:
                out.append(('A'+k) if is_attr else (('I%d'%k) if isinstance(k,int) else 'K'+k))
            r='OK:'+S0.join(out)
        except ValueError as e: r='E:'+str(e)
        f.write('(%s, %s),\n' % (rs(n), rs(r)))
    f.write(']\n')
R=['{}{}', '{0}{1}', '{}{1}', '{1}{}', '{x}{}', '{}{x}{}', '{:>{}}', '{0:>{1}}', '{:>{1}}', '{0:{}}', '{!r}', '{!s:>5}', '{!x}', '{!\x01}', '{:{:{}}}', '{:{:{:{}}}}', '{0:{1:{2}}}', '{:d}', '{0:s}', '{x!r:^9}', '{0!r:{1}}', '{9}', '{y}', '{0.a}', '{0[1]}', '{0.}', '{0[}', 'a{{{0}}}b', '{:\u00e9^7}', '{:05}', '{:=5}', '{:+}', '{:,}', '{:.1}', '{:{}>{}}']
with open('testdata/format_render.rs','w') as f:
    f.write('&[\n')
    for t in R:
        try: r='OK:'+t.format(*'abcde', x='X')
        except ValueError as e: r='E:'+str(e)
        except Exception as e: r='X:'+type(e).__name__
        f.write('(%s, %s),\n' % (rs(t), rs(r)))
    f.write(']\n')
