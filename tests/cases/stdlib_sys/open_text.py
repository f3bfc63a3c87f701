# open() in text mode: modes, newlines, encodings, seek/tell, iteration, errors.
import os

os.mkdir("work")
os.chdir("work")

with open("a.txt", "w") as f:
    print(f.closed, f.name, f.mode, f.encoding, f.errors)
    n = f.write("hello\nworld\r\nthird\rfour")
    print("wrote", n)
print(f.closed)

with open("a.txt") as f:
    print(repr(f.read()))
with open("a.txt", newline="") as f:
    print(list(f))
with open("a.txt", newline="\n") as f:
    print(f.readlines())
with open("a.txt", newline="\r") as f:
    print(f.readlines())

f = open("a.txt")
print(repr(f.readline()), f.tell(), repr(f.read(2)), f.tell())
f.seek(0)
print(f.readlines())
print(repr(f.read()), repr(f.readline()))
f.seek(0)
print(repr(f.readline(3)), repr(f.readline()))
f.close()
print(f.closed)
try:
    f.read()
except ValueError as e:
    print("ValueError:", e)

# newline translation on output
with open("nl.txt", "w", newline="\r\n") as f:
    f.write("a\nb\n")
with open("nl.txt", "rb") as f:
    print(f.read())
with open("nl.txt", "w", newline="") as f:
    f.write("x\r\ny\n")
with open("nl.txt", "rb") as f:
    print(f.read())

# encodings
with open("enc.txt", "w", encoding="latin-1") as f:
    f.write("café über\n")
with open("enc.txt", "rb") as f:
    print(f.read())
with open("enc.txt", encoding="latin-1") as f:
    print(f.read(), end="")
with open("enc.txt", "w", encoding="utf-8") as f:
    f.write("naïve ☃ 日本\n")
with open("enc.txt", "rb") as f:
    print(f.read())
with open("enc.txt", encoding="utf-8") as f:
    print(f.read(3), f.read(), end="")
try:
    with open("enc.txt", encoding="ascii") as f:
        f.read()
except UnicodeDecodeError as e:
    print(type(e).__name__)
with open("enc.txt", encoding="ascii", errors="replace") as f:
    print(f.read(), end="")
with open("enc.txt", encoding="ascii", errors="ignore") as f:
    print(f.read(), end="")
try:
    with open("enc.txt", "w", encoding="ascii") as f:
        f.write("é")
except UnicodeEncodeError as e:
    print(type(e).__name__)

# append and r+ and x
with open("a.txt", "a") as f:
    print(f.tell())
    f.write("\nappended")
with open("a.txt") as f:
    print(f.read().splitlines())
with open("a.txt", "r+") as f:
    print(f.read(5))
    f.seek(0)
    f.write("HELLO")
    f.seek(0)
    print(f.readline(), end="")
try:
    open("a.txt", "x")
except FileExistsError as e:
    print(e)
with open("new.txt", "x") as f:
    f.write("fresh")
with open("new.txt") as f:
    print(f.read())

# big file through the buffer
with open("big.txt", "w") as f:
    for i in range(5000):
        f.write(f"line {i} {'x' * (i % 50)}\n")
with open("big.txt") as f:
    count = 0
    total = 0
    for line in f:
        count += 1
        total += len(line)
    print(count, total)
with open("big.txt") as f:
    lines = f.readlines()
    print(len(lines), lines[4321], end="")
    f.seek(0)
    f.readline()
    pos = f.tell()
    second = f.readline()
    f.seek(pos)
    print(pos, f.readline() == second)

# truncate, writelines
with open("t.txt", "w") as f:
    f.writelines(["a\n", "b\n", "c\n"])
    f.truncate(4)
with open("t.txt") as f:
    print(repr(f.read()))

for name in ["a.txt", "nl.txt", "enc.txt", "new.txt", "big.txt", "t.txt"]:
    os.remove(name)
os.chdir("..")
print(os.listdir("work"))
os.rmdir("work")
