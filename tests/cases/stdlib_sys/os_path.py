# os.path (posixpath) string functions and queries on a scratch tree.
import os
import os.path as p

for path in ["/usr/lib/python3.11/os.py", "rel/dir/", "file", "/", "", ".hidden", "a.b.c", "//x//y"]:
    print(repr(path), p.split(path), p.splitext(path), p.basename(path), p.dirname(path), p.isabs(path))
print(p.join("a", "b", "c"), p.join("/a", "b/"), p.join("a", ""), p.join("a", "/abs", "c"))
for path in ["a/./b/../c", "/../x", "a//b///c/", "./", "../..", "a/b/../../..", "/a/b/../../.."]:
    print(repr(path), repr(p.normpath(path)))
print(p.commonpath(["/usr/lib", "/usr/local/lib", "/usr/lib/x"]))
print(p.commonprefix(["interspecies", "interstellar", "interstate"]))
try:
    p.commonpath(["/abs", "rel"])
except ValueError as e:
    print(e)
print(p.relpath("/a/b/c", "/a/d"), p.relpath("/a", "/a"), p.relpath("x/y", "x"))
print(p.splitdrive("/a/b"), p.normcase("AbC"), p.sep, p.extsep, p.altsep)
os.environ["HOME"] = "/home/tester"
print(p.expanduser("~/docs"), p.expanduser("~"), p.expanduser("nochange"))
os.environ["PVM_X"] = "value"
print(p.expandvars("$PVM_X/${PVM_X}/$NOPE_NOT_SET"))
cwd = os.getcwd()
print(p.abspath("sub/../f") == p.join(cwd, "f"), p.isabs(p.abspath(".")))
os.makedirs("tree/sub")
with open("tree/f.txt", "w") as f:
    f.write("abcdef")
print(p.exists("tree"), p.exists("nope"), p.isdir("tree/sub"), p.isfile("tree/f.txt"), p.isfile("tree"))
print(p.getsize("tree/f.txt"), p.islink("tree"), p.ismount("/"), p.lexists("tree/f.txt"))
print(p.samefile("tree/f.txt", "tree/sub/../f.txt"))
print(type(p.getmtime("tree/f.txt")).__name__, p.getmtime("tree/f.txt") == os.stat("tree/f.txt").st_mtime)
os.symlink("f.txt", "tree/link")
print(p.islink("tree/link"), p.realpath("tree/link") == p.join(cwd, "tree", "f.txt"), os.readlink("tree/link"))
print(os.lstat("tree/link").st_size == 5, os.stat("tree/link").st_size)
os.remove("tree/link")
os.remove("tree/f.txt")
os.rmdir("tree/sub")
os.rmdir("tree")
print(p.exists("tree"))
