import os
import json
import tempfile
import shutil
from pathlib import Path

with tempfile.TemporaryDirectory() as tmp:
    base = Path(tmp)
    (base / "sub").mkdir()
    p = base / "sub" / "data.json"
    p.write_text(json.dumps({"a": [1, 2, 3]}))
    print(p.name, p.suffix, p.stem, p.parent.name, p.exists(), p.is_file())
    print(json.loads(p.read_text()))
    with open(base / "lines.txt", "w") as f:
        for i in range(3):
            f.write(f"line {i}\n")
    with open(os.path.join(tmp, "lines.txt")) as f:
        print([l.rstrip("\n") for l in f])
    with open(base / "lines.txt", "a") as f:
        print("appended", file=f)
    print(open(base / "lines.txt").read().splitlines()[-1])
    with open(base / "bin.dat", "wb") as f:
        f.write(bytes(range(5)))
    print(open(base / "bin.dat", "rb").read(), os.path.getsize(base / "bin.dat"))
    print(sorted(os.listdir(tmp)), sorted(x.name for x in base.iterdir()))
    names = []
    for root, dirs, files in os.walk(tmp):
        for fn in files:
            names.append(os.path.relpath(os.path.join(root, fn), tmp))
    print(sorted(names))
    print(sorted(str(x.relative_to(base)) for x in base.glob("**/*.json")))
    shutil.copy(p, base / "copy.json")
    os.rename(base / "copy.json", base / "moved.json")
    print((base / "moved.json").exists(), (base / "copy.json").exists())
    os.remove(base / "moved.json")
    try:
        open(base / "missing.txt")
    except FileNotFoundError as e:
        print("FileNotFoundError", e.errno, e.strerror)
print(os.path.exists(tmp), os.path.join("a", "b", "c.txt"), os.path.splitext("x/y.tar.gz"), os.path.basename("/p/q.py"))
print(os.path.normpath("a//b/./c/../d"), os.sep, Path("/a/b/c.txt").with_suffix(".md"))
