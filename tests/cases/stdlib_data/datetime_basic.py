import datetime as dt

d = dt.date(2024, 2, 29)
print(d, repr(d), d.isoformat(), d.weekday(), d.isoweekday(), d.isocalendar())
print(d + dt.timedelta(days=1), d - dt.date(2000, 1, 1), d.strftime('%A %d %B %Y'), d.ctime())
print(d.replace(day=1), d.timetuple(), d.toordinal(), dt.date.fromordinal(730000))
t = dt.datetime(2020, 5, 17, 13, 45, 30, 123456)
print(t, repr(t), t.isoformat(), t.isoformat(sep=' ', timespec='milliseconds'), t.replace(year=2021))
print(t.date(), t.time(), t.timetuple(), t.strftime('%Y-%m-%d %H:%M:%S.%f %j %U %p'))
print(dt.timedelta(days=1, hours=5, microseconds=7), repr(dt.timedelta(seconds=-1)))
print(dt.timedelta(hours=36).total_seconds(), dt.timedelta(weeks=2) // dt.timedelta(days=3), dt.timedelta(minutes=7) * 1.5)
print(abs(dt.timedelta(days=-2)), -dt.timedelta(hours=1), dt.timedelta(days=1) / 7, str(dt.timedelta(0)))
tz = dt.timezone(dt.timedelta(hours=5, minutes=30))
a = dt.datetime(2020, 1, 1, tzinfo=tz)
print(a, repr(a), a.utcoffset(), a.tzname(), a.astimezone(dt.timezone.utc), repr(tz), dt.timezone.utc)
print(dt.timezone(dt.timedelta(hours=-3), 'BRT'), a.timestamp(), a.strftime('%z %Z'))
print(dt.datetime.fromisoformat('2011-11-04T00:05:23+04:00'), dt.date.fromisoformat('2019-12-04'))
print(dt.datetime.fromisoformat('2011-11-04 00:05:23.283'), dt.time.fromisoformat('04:23:01.000384'))
print(dt.datetime.fromtimestamp(0, dt.timezone.utc), dt.datetime.utcfromtimestamp(86400 * 365.25))
print(dt.datetime.fromtimestamp(1e9, tz=dt.timezone(dt.timedelta(hours=1))))
print(dt.time(1, 2, 3, 4), dt.time(12).isoformat(), repr(dt.time(23, 59)), dt.time(7, 5) < dt.time(8))
print(t - dt.datetime(2000, 1, 1), t > dt.datetime(2000, 1, 1), sorted([d, dt.date(2000, 1, 1)]))
print(dt.datetime.combine(d, dt.time(6, 30)), dt.datetime(2020, 1, 31) + dt.timedelta(days=30))
print({dt.date(2020, 1, 1): 1}[dt.date(2020, 1, 1)], hash(dt.timedelta(0)) == hash(dt.timedelta(0)))
print(dt.date.min, dt.date.max, dt.datetime.max, dt.timedelta.max, dt.timedelta.resolution)
print(type(dt.datetime.now()).__name__, dt.date.today() > dt.date(2020, 1, 1))
print(format(d, '%d/%m/%Y'), f'{t:%H:%M}', '{:%Y}'.format(d))
for bad in [(2020, 13, 1), (2020, 2, 30), (0, 1, 1)]:
    try:
        dt.date(*bad)
    except ValueError as e:
        print('ValueError', e)
try:
    dt.datetime(2020, 1, 1) - dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
except TypeError as e:
    print('TypeError', e)
try:
    dt.date.fromisoformat('2020-1-1')
except ValueError as e:
    print('ValueError', e)


class UTC2(dt.tzinfo):
    def utcoffset(self, d):
        return dt.timedelta(hours=2)

    def dst(self, d):
        return dt.timedelta(0)

    def tzname(self, d):
        return 'X2'


x = dt.datetime(2021, 6, 1, 12, tzinfo=UTC2())
print(x, x.tzname(), x.utctimetuple(), x.astimezone(dt.timezone.utc).isoformat())
