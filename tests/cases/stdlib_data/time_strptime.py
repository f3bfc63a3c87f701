import time

print(time.strptime('2020-03-04 05:06', '%Y-%m-%d %H:%M'))
print(time.strptime('Tue Feb 29 12:00:01 2000'))
t = time.strptime('17/05/2021 23:59:58', '%d/%m/%Y %H:%M:%S')
print(t.tm_wday, t.tm_yday, time.strftime('%A %j', t))
try:
    time.strptime('2020-13-01', '%Y-%m-%d')
except ValueError as e:
    print('ValueError', e)
