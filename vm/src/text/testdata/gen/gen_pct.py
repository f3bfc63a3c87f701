import struct, random
random.seed(4)
def rs(s):
    return '"' + ''.join(c if 32<=ord(c)<127 and c not in '"\\' else '\\u{%x}'%ord(c) for c in s) + '"'
def enc(v):
    if isinstance(v,bool): return 'b:%d'%v
    if isinstance(v,int): return 'i:%d'%v
    if isinstance(v,float): return 'f:%x'%struct.unpack('<Q',struct.pack('<d',v))[0]
    if isinstance(v,str): return 's:'+v
    return 'o:%s:%s'%(type(v).__name__, repr(v))
inf=float('inf'); nan=float('nan')
vals=[0,1,-1,42,-255,255,65,10**20,-(10**25),True,False,0.0,-0.0,1.5,-2.25,3.14159,1e16,1e-5,123456.789,inf,-inf,nan,'',"abc","it's",'é\n',None,1+2j,0x110000]
fmts=['%s','%r','%a','%d','%i','%u','%o','%x','%X','%e','%E','%f','%F','%g','%G','%c','%5s','%-5s|','%.2s','%5.1s|','%05d','%-05d|','%+d','% d','%+5d','%#o','%#x','%#X','%#08x','%#-8x|','%+#x','%.3d','%.5x','%#.5o','%08.3f','%+.2e','% .3g','%#g','%#.0f','%#.0e','%-+10.4f|','%10.3E','%010.2f','%.0f','%.20f','%.15g','%.0g','%#.3g','%5c|','%-3c|','%ld','%hd','%Lf','%*d','%-*d|','%.*f','%*.*f','%5%','%%','%y','%(x)s','%','%\u00e9','%\x01', 'a%sb%sc', '%s %s', '%d %s %r','%s%%%s','%c%c']
out=[]
def run(fmt, args):
    try: return 'OK:'+(fmt % args)
    except Exception as e: return type(e).__name__+':'+str(e)
for f in fmts:
    for v in vals:
        args=(v,)
        nargs=f.count('%')-2*f.count('%%')+f.count('*')
        if nargs>1:
            args=tuple([v]*nargs) if '*' not in f else tuple([7]*f.count('*')+[v])
        out.append((f,'T',[enc(a) for a in args], run(f,args)))
    # single (non-tuple) arg
    out.append((f,'S',[enc(42)],run(f,42)))
    out.append((f,'T',[],run(f,())))
    out.append((f,'T',[enc(1),enc(2),enc(3),enc(4)],run(f,(1,2,3,4))))
# * edge cases
for f,a in [('%*d',(-4,5)),('%.*d',(-3,5)),('%*s',('a','b')),('%.*s',(2.0,'abc')),('%*d',(True,5)),('%(a',()),('%s',('x',)),('%s','x'),('%c','x'),('%c','xy'),('%c',(1.5,)),('%x',(1.5,)),('%d',('7',)),('%f',('7',)),('%f',(10**400,)),('%d',(10**400,))]:
    out.append((f,'S' if not isinstance(a,tuple) else 'T',[enc(x) for x in (a if isinstance(a,tuple) else (a,))],run(f,a)))
# mappings
d={'x':1,'y':'z','(a)':5,'f':2.5}
for f in ['%(x)s','%(y)r %(x)d','%((a))s','%(f).2f|%(x)05d','%(zz)s','%(x)s %s','%s','%s %s','%(x','%(x)','%(x)*d','%%%(x)s','%(x)s%%','%(y)c','%()s']:
    out.append((f,'M',['%s=%s'%(k,enc(v)) for k,v in d.items()],run(f,d)))
with open('testdata/percent.rs','w') as fh:
    fh.write('&[\n')
    for f,m,a,r in out:
        fh.write('(%s, %s, &[%s], %s),\n' % (rs(f), rs(m), ', '.join(rs(x) for x in a), rs(r)))
    fh.write(']\n')
print(len(out))
