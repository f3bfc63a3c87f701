import math
print(math.isqrt(10**40 + 1), math.comb(50, 20), math.perm(10, 3), math.perm(5), math.prod([1, 2, 3, 4]), math.prod([]), math.prod([1.5, 2], start=2))
print(math.dist((1, 2), (4, 6)), math.dist([0, 0, 0], [1, 1, 1]), math.hypot(3, 4, 12), math.hypot(), math.hypot(-2.5))
print(math.fsum([0.1] * 10), math.fsum([1e100, 1.0, -1e100, 1e-100]), math.fsum([]), math.fsum(range(10)))
print(math.gcd(12, 18, 27), math.gcd(), math.gcd(0, -5), math.lcm(4, 6, 10), math.lcm(), math.lcm(0, 5))
print(math.nextafter(1.0, 2.0), math.nextafter(0.0, -1.0), math.ulp(1.0), math.ulp(0.0), math.ulp(1e300))
print(math.log(8, 2), math.log(100, 10), math.log(2**1000), math.log10(10**500), math.log2(2**2000), math.log1p(1e-20))
print(math.trunc(-3.7), math.floor(-3.5), math.ceil(3.1), math.floor(10**30), type(math.floor(2.0)).__name__)
class F:
    def __floor__(self): return 'floor!'
    def __ceil__(self): return 'ceil!'
    def __trunc__(self): return 'trunc!'
print(math.floor(F()), math.ceil(F()), math.trunc(F()))
print(math.factorial(20), math.factorial(0))
for f, a in [(math.factorial, (-1,)), (math.factorial, (2.5,)), (math.factorial, (3.0,)), (math.sqrt, (-1,)), (math.log, (0,)), (math.exp, (1000,)),
             (math.comb, (-1, 2)), (math.isqrt, (-1,)), (math.pow, (0, -1)), (math.fmod, (1, 0)), (math.log, (10, 1)), (math.dist, ((1,), (1, 2))),
             (math.gcd, (1.5,)), (math.floor, ('x',)), (math.ldexp, (1.0, 10000)), (math.acosh, (0,)), (math.perm, (3, -1))]:
    try:
        print(f.__name__, f(*a))
    except Exception as e:
        print(f.__name__, type(e).__name__, e)
print(math.copysign(1, -0.0), math.fabs(-2), math.frexp(8.5), math.ldexp(0.5, 3), math.modf(-3.25), math.remainder(10, 3), math.remainder(-7, 2))
print(math.erf(0.5), math.erfc(0.5), math.gamma(5.5), math.lgamma(100), math.gamma(-1.5), math.expm1(1e-10), math.cbrt(27), math.exp2(10))
print(math.isclose(1.0, 1.0 + 1e-10), math.isclose(0, 1e-10, abs_tol=1e-9), math.degrees(math.pi), math.radians(180))
print(math.atan2(-0.0, -1), math.sin(1e22), math.cos(0.5), math.tan(1.2), math.asinh(1.5), math.acosh(2.5), math.atanh(0.5))
print(math.sqrt(2), math.pow(2, 0.5), math.pow(-8, 1/3) if False else 0, math.inf, -math.inf, math.nan, math.e, math.tau)
print(math.comb(10**3, 500) % 1000007, math.isqrt(True), math.floor(True), math.prod(range(1, 30)))

vals = [i / 7.0 for i in range(-40, 41)] + [1e-300, 1e-20, 3.5e10, 123456.789, 0.999999, 1.000001, 2.0000001, 1e15, 7e-5]
for name in ['asinh', 'acosh', 'atanh', 'cbrt', 'erf', 'erfc', 'gamma', 'lgamma', 'log1p', 'expm1', 'exp', 'log', 'log2', 'log10',
             'sqrt', 'sin', 'cos', 'tan', 'atan', 'asin', 'acos', 'sinh', 'cosh', 'tanh', 'exp2']:
    f = getattr(math, name)
    out = []
    for v in vals:
        try:
            out.append(repr(f(v)))
        except (ValueError, OverflowError) as e:
            out.append(type(e).__name__)
    print(name, ' '.join(out))
print(math.hypot(*range(10)), math.hypot(1e-320, 1e-320), math.hypot(1e308, 1e308) if False else 0, math.dist((1.5, 2.5, 3.5), (-1, 0, 7)))
print(math.log(10**400), math.log(10**400, 10), math.log2(3**1000), math.log10(7**500))
