os_keep = open("keep", "w"); os_keep.close()
import os, os.path, stat, errno
print(os.name, os.sep, os.linesep == "\n", os.pathsep, os.curdir, os.pardir, os.devnull)
base = os.path.join(os.getcwd(), "tmp_o1")
os.makedirs(os.path.join(base, "a", "b"))
os.makedirs(os.path.join(base, "a", "b"), exist_ok=True)
try:
    os.makedirs(os.path.join(base, "a"))
except FileExistsError as e:
    print("exists", e.errno == errno.EEXIST, os.path.basename(e.filename))
with open(os.path.join(base, "a", "f.txt"), "w") as f:
    f.write("12345")
with open(os.path.join(base, "top.txt"), "w") as f:
    f.write("x")
st_ = os.stat(os.path.join(base, "a", "f.txt"))
print(st_.st_size, stat.S_ISREG(st_.st_mode), stat.S_ISDIR(os.stat(base).st_mode), st_[stat.ST_SIZE])
print(sorted(os.listdir(base)))
for root, dirs, files in os.walk(base):
    dirs.sort()
    print(os.path.relpath(root, base), sorted(dirs), sorted(files))
with os.scandir(base) as it:
    for e in sorted(it, key=lambda e: e.name):
        print(e.name, e.is_dir(), e.is_file(), e.is_symlink(), e.path == os.path.join(base, e.name))
print(os.path.exists(base), os.path.isdir(base), os.path.isfile(base), os.path.getsize(os.path.join(base, "a", "f.txt")))
os.rename(os.path.join(base, "top.txt"), os.path.join(base, "top2.txt"))
print(sorted(os.listdir(base)))
try:
    os.rename(os.path.join(base, "nope"), os.path.join(base, "x"))
except FileNotFoundError as e:
    print(str(e).replace(base, "BASE"))
try:
    os.remove(os.path.join(base, "nope"))
except OSError as e:
    print(type(e).__name__, e.errno, e.strerror)
try:
    os.rmdir(base)
except OSError as e:
    print(type(e).__name__, str(e).replace(base, "BASE"))
try:
    os.listdir(os.path.join(base, "top2.txt"))
except NotADirectoryError as e:
    print(type(e).__name__, str(e).replace(base, "BASE"))
os.remove(os.path.join(base, "top2.txt"))
os.remove(os.path.join(base, "a", "f.txt"))
os.removedirs(os.path.join(base, "a", "b"))
print(os.path.exists(base))
os.environ["PVM_TEST_VAR"] = "hello"
print(os.environ["PVM_TEST_VAR"], os.getenv("PVM_TEST_VAR"), os.getenv("PVM_NOPE", "dflt"), "PVM_TEST_VAR" in os.environ)
del os.environ["PVM_TEST_VAR"]
print(os.environ.get("PVM_TEST_VAR"))
print(type(os.getpid()), os.cpu_count() > 0, len(os.urandom(8)))
print(os.path.split("/a/b/c.txt"), os.path.splitext("x/y.tar.gz"), os.path.dirname("/a/b/"), os.path.basename("/a/b"))
print(os.path.normpath("/a//b/../c/./d"), os.path.isabs("/x"), os.path.join("a", "/b", "c"))
print(os.path.commonpath(["/a/b/c", "/a/b/d"]), os.path.commonprefix(["abc", "abd"]))
print(os.path.expanduser("~") == os.environ.get("HOME"), os.path.abspath(".") == os.getcwd())
print(os.fspath("p"), os.path.realpath("/") )
class P:
    def __fspath__(self): return "pp"
print(os.fspath(P()), os.path.join(P(), "q"))
print(stat.filemode(0o100644), stat.filemode(0o40755))
print(errno.ENOENT, errno.errorcode[2], os.strerror(2))
try:
    os.fspath(3)
except TypeError as e:
    print(e)
os.remove("keep")
