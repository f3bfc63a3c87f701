import struct, random, math
random.seed(1)
def b(x): return struct.unpack('<Q', struct.pack('<d', x))[0]
inf=float('inf'); nan=float('nan')
vals=[0.0,-0.0,1.0,-1.0,0.1,0.2,0.3,1/3,2/3,1e16,1e15,9999999999999998.0,1e-4,1e-5,0.0001234,1.5e300,-1.5e-300,5e-324,2.2250738585072014e-308,1.7976931348623157e308,inf,-inf,nan,123456789.0,1e22,1e23,2**53,2**53+2,2e16+8,0.5,2.5,1.25,12345.678,3.141592653589793,2.718281828459045,100.0,1e100,123e-20,-7.0,0.001,0.01,9.5,0.05,1.005,2.675,1e-7,999999.5,0.000123456,1e300*10]
for i in range(60):
    vals.append(struct.unpack('<d', struct.pack('<Q', random.getrandbits(64)))[0])
    vals.append(random.uniform(-1000,1000))
    vals.append(random.random()*10**random.randint(-30,30))
vals=[float(v) for v in vals]
with open('testdata/float_repr.rs','w') as f:
    f.write('&[\n')
    for v in vals:
        f.write('(%#x, %s),\n' % (b(v), '"%s"' % repr(v)))
    f.write(']\n')
with open('testdata/d2s.rs','w') as f:
    f.write('&[\n')
    sub=vals[:50]+vals[50::7]
    for v in sub:
        for code in 'eEfFgG':
            for prec in [0,1,2,3,6,10,17,25]:
                for fl in ['', '#', '+']:
                    if code in 'fF' and abs(v)>1e50 and prec>3: continue
                    out=('%'+fl+'.'+str(prec)+code) % v
                    f.write('("%s", %r, %d, %#x, "%s"),\n' % (fl, code, prec, b(v), out))
    f.write(']\n')
cv=[0.0,-0.0,1.0,-1.0,2.5,nan,inf,-inf,1e16,1e-5,-1.5]
with open('testdata/complex_repr.rs','w') as f:
    f.write('&[\n')
    for r in cv:
        for i in cv:
            f.write('(%#x, %#x, "%s"),\n' % (b(r), b(i), repr(complex(r,i))))
    f.write(']\n')
