r = range(10 ** 20, 10 ** 20 + 3)
print(r, list(r), len(r), r[1], r[-1], 10 ** 20 + 1 in r, 5 in r, r[1:], list(reversed(r)), bool(r), r.start)
b = range(0, 10 ** 20, 7)
print(b[-1], b[3], b[::10 ** 18], b == range(0, 10 ** 20, 7), hash(r) == hash(range(10 ** 20, 10 ** 20 + 3)))
try:
    len(b)
except OverflowError as e:
    print("OverflowError:", e)
print(range(-2 ** 63, 2 ** 63, 2 ** 62), list(range(-2 ** 63, 2 ** 63, 2 ** 62)))
for x in range(2 ** 64, 2 ** 64 + 2): print(x)
print(range(5)[::-1], range(0, 10**30, 10**29)[5], sum(range(10**20, 10**20+4)))
