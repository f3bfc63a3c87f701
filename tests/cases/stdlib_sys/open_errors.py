# open() argument checking and OSError subclasses with CPython's messages.
import os, errno

try:
    open("missing.txt")
except FileNotFoundError as e:
    print(e)
    print(e.errno, e.strerror, e.filename, e.errno == errno.ENOENT)
    print(isinstance(e, OSError), type(e).__name__)
try:
    open("no/such/dir/file.txt", "w")
except OSError as e:
    print(type(e).__name__, e)
os.mkdir("d")
try:
    open("d")
except IsADirectoryError as e:
    print(e)
try:
    open("d", "w")
except IsADirectoryError as e:
    print(e)
os.rmdir("d")
for mode in ["rw", "rr", "z", "rbt", "", "b", "+", "wa"]:
    try:
        open("x.txt", mode)
    except ValueError as e:
        print(repr(mode), e)
try:
    open("x.txt", "w", newline="x")
except ValueError as e:
    print(e)
try:
    open("x.txt", "w", encoding="no-such-codec")
except LookupError as e:
    print(e)
try:
    open("x.txt", "w", buffering=0)
except ValueError as e:
    print(e)
try:
    open(3.5)
except TypeError as e:
    print(e)
try:
    open(["x"])
except TypeError as e:
    print(e)
print(os.path.exists("x.txt"))
os.remove("x.txt")
