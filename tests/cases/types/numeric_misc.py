# numeric methods, dunders, hashing, range/slice objects, math
import math, sys
print((5).__add__(3), int.__add__(5, 3), (5).__add__(2.0), (2.5).__radd__(1), (7).__divmod__(2), (7.5).__rdivmod__(2))
print((3).__pow__(2, 5), True.__and__(False), True ^ True, (3).__lt__(3.5), (1.5).__round__(), float.__int__(2.9))
print(hash(1), hash(-1), hash(2 ** 61), hash(1.5), hash(-2.5), hash(float("inf")), hash(1 + 2j), hash((1, 2, (3,))), hash(()), hash(frozenset()), hash(frozenset({1, 2, 3})))
print(hash(range(5)) == hash(range(0, 5, 1)), range(0, 3, 2) == range(0, 4, 2), range(1, 1) == range(5, 2))
print(slice(1, 5, 2).indices(3), slice(None, None, -2).indices(7), slice(2, None).indices(1), slice(1, 2) < slice(1, 3))
print(range(10)[2:8:3], range(10, 0, -3)[1:], range(7).index(3), range(0, 10, 2).count(4), list(range(0, -7, -3)))
print(int.from_bytes(b"\x00\x10", "big"), (4096).to_bytes(3, "little"), (-2).to_bytes(1, "big", signed=True), (2 ** 64).bit_length())
try:
    (300).to_bytes(1, "big")
except OverflowError as e:
    print("OverflowError:", e)
print((0.375).as_integer_ratio(), (1.0).hex(), float.fromhex("-0x1.8p3"), (3.0).is_integer(), complex(3, 4).conjugate())
print(format(1234.5678, ",.2f"), format(0.000012345, ".3e"), format(12, "#x"), format(1e16, "g"), format(1 + 2j, ".1f"), format(-0.0, "z.2f"))
print("%5s|%-5s|%05d|%.2f|%+d|%x|%c" % ("ab", "cd", 42, 3.14159, 7, 255, 97), "%*d|%-*d|%.*f" % (4, 1, 4, 2, 1, 2.55))
print(math.remainder(7, 3), math.remainder(-7, 2), math.nextafter(1.0, 2.0), math.ulp(1.0), math.exp2(10))
print(math.gcd(12, 18, 27), math.lcm(4, 6), math.isqrt(99), math.comb(10, 3), math.perm(5, 2), math.prod([1, 2, 3]), math.fsum([0.1] * 10))
print(str(10 ** 50), len(str(2 ** 10000)), sys.get_int_max_str_digits())
sys.set_int_max_str_digits(640)
try:
    str(10 ** 700)
except ValueError as e:
    print("ValueError:", e)
print(complex(-0.0, -0.0), -(0j), complex("1-2j"), (1 + 2j) * 2, abs(3 + 4j), (1j) ** 2)
try:
    (1 + 2j) // 2
except TypeError as e:
    print("TypeError:", e)
