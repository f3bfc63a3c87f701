# io.StringIO and io.BytesIO.
import io

s = io.StringIO()
print(s.write("hello "), s.write("world\n"))
print("second", 2, sep="-", file=s)
print(repr(s.getvalue()), s.tell())
s.seek(0)
print(repr(s.read(5)), repr(s.readline()), s.readlines())
s.seek(6)
s.write("WORLD")
print(repr(s.getvalue()))
s.seek(0, 2)
print(s.tell())
s.truncate(5)
print(repr(s.getvalue()), s.tell())
s.close()
print(s.closed)
try:
    s.getvalue()
except ValueError as e:
    print(e)

s = io.StringIO("a\nb\r\nc\rd")
print(list(s))
s = io.StringIO("a\nb\r\nc\rd", newline=None)
print(list(s))
s = io.StringIO("a\nb\r\nc\rd", newline="")
print(list(s))
s = io.StringIO(newline=None)
s.write("x\r\ny\rz\n")
print(repr(s.getvalue()))
with io.StringIO("ctx") as s:
    print(s.read())
print(s.closed)
s = io.StringIO("日本語テキスト")
print(s.read(2), s.tell(), s.read())
try:
    io.StringIO().write(b"x")
except TypeError as e:
    print(e)
print(isinstance(io.StringIO(), io.TextIOBase), isinstance(io.StringIO(), io.IOBase))

b = io.BytesIO(b"abc\ndef\nghi")
print(b.read(2), b.readline(), b.tell(), b.getvalue())
print(list(b))
b.seek(0, 2)
b.write(b"!")
print(b.getvalue())
b.seek(1)
b.write(b"ZZ")
print(b.getvalue(), b.tell())
b.seek(20)
b.write(b"end")
print(b.getvalue())
b.truncate(4)
print(b.getvalue(), b.read())
print(b.seek(-2, 2), b.read())
print(isinstance(b, io.BufferedIOBase), io.SEEK_SET, io.SEEK_CUR, io.SEEK_END)
try:
    b.write("str")
except TypeError as e:
    print(e)

class Upper(io.StringIO):
    def write(self, s):
        return super().write(s.upper())

u = Upper()
print("shout", file=u)
print(repr(u.getvalue()))

class Sink(io.TextIOBase):
    def __init__(self):
        self.parts = []
    def write(self, s):
        self.parts.append(s)
        return len(s)

k = Sink()
print("a", "b", file=k)
k.writelines(["c", "d"])
print(k.parts, k.closed)
k.close()
print(k.closed)
