# open() in binary mode: read/write/seek/tell/readline/iteration, r+b, reprs.
import os

data = bytes(range(256)) * 40
with open("b.bin", "wb") as f:
    print(type(f).__name__, f.mode, f.name)
    print(f.write(data))
    print(f.tell())
with open("b.bin", "rb") as f:
    print(type(f).__name__, f.mode)
    print(f.read(4), f.tell())
    f.seek(-3, 2)
    print(f.read(), f.tell())
    f.seek(10)
    f.seek(5, 1)
    print(f.tell(), f.read(2))
    f.seek(0)
    print(len(f.read()) == len(data))
    print(f.read())
with open("b.bin", "r+b") as f:
    print(type(f).__name__, f.mode)
    f.seek(2)
    f.write(b"XY")
    f.seek(0)
    print(f.read(6))
with open("lines.bin", "wb") as f:
    f.write(b"one\ntwo\r\nthree")
with open("lines.bin", "rb") as f:
    print(f.readline(), f.readline(2), f.readline(), f.readline(), f.readline())
with open("lines.bin", "rb") as f:
    print(list(f))
with open("lines.bin", "rb") as f:
    print(f.readlines())
with open("lines.bin", "ab") as f:
    f.write(b"\nfour")
with open("lines.bin", "rb") as f:
    print(f.read().split(b"\n"))
with open("lines.bin", "rb", buffering=0) as f:
    print(type(f).__name__, f.read(3))
try:
    open("b.bin", "rb", encoding="utf-8")
except ValueError as e:
    print(e)
try:
    open("b.bin", "rb", newline="")
except ValueError as e:
    print(e)
with open("b.bin", "rb") as f:
    try:
        f.write(b"x")
    except OSError as e:
        print(type(e).__name__, e)
with open("b.bin", "wb") as f:
    try:
        f.read()
    except OSError as e:
        print(type(e).__name__, e)
    try:
        f.write("text")
    except TypeError as e:
        print(e)
ba = bytearray(4)
with open("lines.bin", "rb") as f:
    print(f.readinto(ba), ba)
os.remove("b.bin")
os.remove("lines.bin")
