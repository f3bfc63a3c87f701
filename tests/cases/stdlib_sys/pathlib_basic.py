# pathlib: pure path manipulation and filesystem operations in a scratch directory.
import os
from pathlib import Path, PurePosixPath, PurePath

p = PurePosixPath("/usr/lib/python3.11/os.py")
print(p, repr(p), p.name, p.stem, p.suffix, p.suffixes, p.parent, p.anchor, p.root)
print(list(p.parents)[:3], p.parts)
print(p.with_suffix(".txt"), p.with_name("x.py"), p.with_stem("posix"))
print(p.relative_to("/usr"), p.is_absolute(), p.match("*.py"), p.is_relative_to("/usr/lib"))
q = PurePosixPath("a") / "b" / "c.tar.gz"
print(q, q.suffixes, q.stem, str(q.parent), q.as_posix(), PurePath("x", "y"))
print(PurePosixPath("a/b") == PurePosixPath("a//b"), PurePosixPath("a") < PurePosixPath("b"))
print(sorted([PurePosixPath("b"), PurePosixPath("a/c"), PurePosixPath("a")]))
print(PurePosixPath("/a/b").joinpath("c", "d"), PurePosixPath("/x").as_uri())
try:
    PurePosixPath("a/b").relative_to("c")
except ValueError as e:
    print(e)

base = Path("scratch")
base.mkdir()
print(base.exists(), base.is_dir(), base.is_file())
(base / "sub" / "deep").mkdir(parents=True)
f = base / "hello.txt"
print(f.write_text("hello\nworld\n"))
print(f.read_text().splitlines(), f.stat().st_size, f.exists())
(base / "data.bin").write_bytes(b"\x00\x01\x02")
print((base / "data.bin").read_bytes())
with f.open("a") as fh:
    fh.write("more\n")
print(f.read_text().count("\n"))
print(sorted(x.name for x in base.iterdir()))
print(sorted(str(x) for x in base.glob("*.txt")))
print(sorted(str(x) for x in base.rglob("*")))
(base / "sub" / "deep" / "n.txt").touch()
print(sorted(x.relative_to(base).as_posix() for x in base.rglob("*.txt")))
g = f.rename(base / "renamed.txt")
print(g.name, f.exists(), g.exists())
print(Path.cwd() == Path(os.getcwd()), base.resolve().is_absolute(), base.absolute().name)
print(Path("~").expanduser() == Path.home())
try:
    (base / "missing.txt").read_text()
except FileNotFoundError as e:
    print(e)
for x in sorted(base.rglob("*"), key=lambda x: -len(x.parts)):
    if x.is_dir():
        x.rmdir()
    else:
        x.unlink()
base.rmdir()
print(base.exists())
