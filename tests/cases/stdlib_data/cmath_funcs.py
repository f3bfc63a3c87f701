import cmath

vals = [1 + 2j, -3.5 + 0.25j, 0.5 - 0.75j, -1j, 2, -4, 1e-5 + 1e-5j, 0.9 + 0.3j, 1e200 + 1e200j, -0.0 + 0j, 3j]
funcs = ['sqrt', 'exp', 'log', 'log10', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan',
         'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh']
for name in funcs:
    f = getattr(cmath, name)
    out = []
    for v in vals:
        try:
            out.append(repr(f(v)))
        except (ValueError, OverflowError) as e:
            out.append(type(e).__name__ + ':' + str(e))
    print(name, ' '.join(out))
print(cmath.phase(-1 + 0j), cmath.phase(-1 - 0j), cmath.phase(1j), cmath.polar(3 + 4j), cmath.polar(-2))
print(cmath.rect(2, cmath.pi / 3), cmath.rect(1, 0), cmath.rect(0, 1.5))
print(cmath.log(8, 2), cmath.log(1j, 10), cmath.log(100 + 0j, 10 + 0j))
print(cmath.isfinite(1 + 1j), cmath.isinf(complex(float('inf'), 0)), cmath.isnan(cmath.nanj), cmath.infj, cmath.nanj)
print(cmath.isclose(1 + 1j, 1 + 1.0000000001j), cmath.isclose(1j, 1.1j, rel_tol=0.2), cmath.isclose(0j, 1e-10j, abs_tol=1e-9))
print(cmath.pi, cmath.e, cmath.tau, cmath.inf, cmath.nan)
print(cmath.sqrt(-1), cmath.sqrt(complex(-4, -0.0)), cmath.exp(1), cmath.sqrt(4.0))


class C:
    def __complex__(self):
        return 3 + 4j


print(cmath.sqrt(C()), cmath.polar(C()))
for bad in ['x', None]:
    try:
        cmath.sqrt(bad)
    except TypeError as e:
        print('TypeError', e)
for f, v in [(cmath.log, 0), (cmath.exp, 1000), (cmath.atanh, 1), (cmath.cosh, 1000 + 1j)]:
    try:
        f(v)
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
