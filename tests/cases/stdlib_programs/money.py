from decimal import Decimal, ROUND_HALF_UP, getcontext
from fractions import Fraction
import statistics
import math

prices = [Decimal("19.99"), Decimal("5.01"), Decimal("0.10")]
total = sum(prices)
print(total, total * Decimal("1.0825"), (total * Decimal("1.0825")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
getcontext().prec = 6
print(Decimal(1) / Decimal(7))
print(Fraction(1, 3) + Fraction(1, 6), Fraction("0.125"), Fraction(3, 4) ** 2, float(Fraction(22, 7)))
data = [2.5, 3.5, 1.0, 4.0, 4.0]
print(statistics.mean(data), statistics.median(data), statistics.mode(data), round(statistics.stdev(data), 6))
print(math.isqrt(10**20), math.comb(10, 3), math.gcd(12, 18, 27), round(math.dist((0, 0), (3, 4)), 3))
