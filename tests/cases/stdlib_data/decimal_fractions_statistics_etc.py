from decimal import Decimal, getcontext, localcontext, ROUND_HALF_UP, InvalidOperation
from fractions import Fraction
import statistics
import base64
import calendar
import pprint

print(Decimal('1.1') + Decimal('2.2'), Decimal(1) / Decimal(7), Decimal('3.14159').quantize(Decimal('0.01')))
print(Decimal('2.675').quantize(Decimal('0.01'), rounding=ROUND_HALF_UP), Decimal(0.1), Decimal('1e3').normalize(), repr(Decimal('-0.00')))
with localcontext() as ctx:
    ctx.prec = 5
    print(Decimal(2).sqrt(), Decimal(1) / 3)
print(getcontext().prec, Decimal('10') ** 20, Decimal('1.5').as_tuple(), sum([Decimal('0.1')] * 10))
try:
    Decimal('abc')
except InvalidOperation as e:
    print('InvalidOperation', type(e).__name__)
print(Fraction(3, 4) + Fraction(1, 6), Fraction('0.125'), Fraction(1.5), Fraction(22, 7).limit_denominator(5), repr(Fraction(-6, 8)))
print(Fraction(1, 3) ** 2, float(Fraction(1, 3)), Fraction(7, 2).__floor__(), round(Fraction(7, 2)), Fraction(1, 3) < 0.5)
data = [2.5, 3.25, 5.5, 11.25, 1.0, 3.25]
print(statistics.mean(data), statistics.median(data), statistics.mode(data), statistics.stdev(data), statistics.pvariance(data))
print(statistics.median_low([1, 3, 5, 7]), statistics.median_high([1, 3, 5, 7]), statistics.fmean([1, 2, 3, 4]), statistics.geometric_mean([1, 10, 100]))
print(statistics.harmonic_mean([40, 60]), statistics.quantiles([1, 2, 3, 4, 5, 6, 7, 8], n=4), statistics.multimode('aabbbcccc'))
print(statistics.mean([Fraction(1, 2), Fraction(1, 3)]), statistics.mean([Decimal('1.5'), Decimal('2.5')]))
nd = statistics.NormalDist(100, 15)
print(nd, nd.cdf(115), nd.inv_cdf(0.975), statistics.correlation([1, 2, 3, 4], [2, 4, 5, 9]), statistics.linear_regression([1, 2, 3], [2, 4, 7]))
print(base64.b64encode(b'hello world'), base64.b64decode('aGVsbG8gd29ybGQ='), base64.urlsafe_b64encode(b'\xfb\xff'), base64.b32encode(b'abc'), base64.b16encode(b'\x01\xab'))
print(base64.b85encode(b'data'), base64.a85encode(b'data'), base64.standard_b64decode(b'YQ=='), base64.b32decode('MFRGG==='))
print(calendar.isleap(2024), calendar.monthrange(2024, 2), calendar.weekday(2024, 3, 1), calendar.leapdays(1900, 2000))
print(calendar.month(2024, 2))
print(calendar.TextCalendar(calendar.SUNDAY).formatmonth(2023, 12))
print(calendar.month_name[3], calendar.day_abbr[0], list(calendar.Calendar().itermonthdays(2024, 2))[:10])
obj = {'name': 'x' * 30, 'items': list(range(30)), 'nested': {'a': [1, {'b': (2, 3)}], 'z': None}, 'set': {3, 1, 2}}
pprint.pprint(obj)
pprint.pprint(obj, width=40, depth=2)
print(pprint.pformat(list(range(5)), width=10), pprint.pformat({'b': 1, 'a': 2}, sort_dicts=False))
pprint.pprint([[1, 2, 3] * 5] * 3, compact=True)
