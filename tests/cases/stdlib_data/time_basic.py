import time

t = time.gmtime(1700000000)
print(t)
print(t.tm_year, t.tm_mon, t.tm_mday, t.tm_zone, t.tm_gmtoff, len(t), t[0:3], t[-1])
print(isinstance(t, tuple), type(t).__name__, time.struct_time.n_fields)
print(time.strftime('%Y-%m-%d %H:%M:%S %a %A %b %B %j %U %W %w %y %p %I %%', t))
print(time.strftime('%c | %x | %X | %D | %T | %e | %G-W%V-%u', t))
print(time.asctime(t))
print(time.asctime((2024, 2, 29, 23, 59, 59, 3, 60, 0)))
print(time.gmtime(0), time.gmtime(-86400 * 365))
print(time.gmtime(2**31))
# local time round trip (independent of the zone)
lt = time.localtime(1700000000)
print(time.mktime(lt))
print(time.strftime('%Y', (2020, 1, 1, 0, 0, 0, 0, 1, 0)))
st = time.struct_time((2001, 2, 3, 4, 5, 6, 5, 34, 0))
print(st, st.tm_zone)
print(time.gmtime(1e9) == (2001, 9, 9, 1, 46, 40, 6, 252, 0))
for bad in [(1, 2), [1, 2, 3, 4, 5, 6, 7, 8, 9], 'x']:
    try:
        time.asctime(bad)
    except TypeError as e:
        print('TypeError', e)
try:
    time.strftime('%Y', (2020, 13, 1, 0, 0, 0, 0, 1, 0))
except ValueError as e:
    print('ValueError', e)
try:
    time.struct_time((1, 2, 3))
except TypeError as e:
    print('TypeError', e)
try:
    time.sleep(-1)
except ValueError as e:
    print('ValueError', e)
try:
    t.tm_year = 5
except AttributeError as e:
    print('AttributeError')

# clocks
a = time.perf_counter(); b = time.perf_counter()
print(type(a).__name__, b >= a)
m1 = time.monotonic(); time.sleep(0.01); m2 = time.monotonic()
print(m2 - m1 >= 0.009)
print(type(time.time()).__name__, type(time.time_ns()).__name__, time.time_ns() > 1_600_000_000 * 10**9)
print(type(time.process_time()).__name__, type(time.perf_counter_ns()).__name__, time.monotonic_ns() > 0)
print(abs(time.time() - time.time_ns() / 1e9) < 1)
print(isinstance(time.timezone, int), isinstance(time.tzname, tuple), time.daylight in (0, 1))
