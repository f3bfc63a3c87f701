for i in range(10):
    if i == 2:
        continue
    if i == 6:
        break
    print(i, end=" ")
else:
    print("no")
print()
for i in range(3):
    pass
else:
    print("for-else", i)
n = 0
while n < 5:
    n += 1
    if n == 10:
        break
else:
    print("while-else", n)
x = 5
if x < 3:
    print("small")
elif x < 10:
    print("medium")
else:
    print("large")
print("yes" if x else "no", x and 0, x or 0, 0 or [] or "last", 1 and 2 and 3)
for a, b in [(1, 2), (3, 4)]:
    print(a + b)
count = 0
for i in range(3):
    for j in range(3):
        if j > i:
            break
        count += 1
print(count)
assert count == 6, "bad"
try:
    assert count == 7, "count is %d" % count
except AssertionError as e:
    print("assert:", e)
del count
try:
    print(count)
except NameError as e:
    print(e)
i = 0
while True:
    i += 1
    if i > 3:
        break
print(i)
if (y := 10) > 5:
    print("walrus", y)
