# shutil (copyfile, copy, copytree, rmtree, move, which) and tempfile basics.
import os
import shutil
import tempfile

base = tempfile.mkdtemp(prefix="pvmtest")
print(os.path.isdir(base), os.path.basename(base).startswith("pvmtest"))
print(tempfile.gettempdir() == os.path.dirname(base))
src = os.path.join(base, "src")
os.makedirs(os.path.join(src, "inner"))
with open(os.path.join(src, "a.txt"), "w") as f:
    f.write("alpha\n")
with open(os.path.join(src, "inner", "b.txt"), "w") as f:
    f.write("beta\n" * 100)
dst = shutil.copyfile(os.path.join(src, "a.txt"), os.path.join(base, "copy.txt"))
print(os.path.basename(dst), open(dst).read(), end="")
os.mkdir(os.path.join(base, "into"))
r = shutil.copy(os.path.join(src, "a.txt"), os.path.join(base, "into"))
print(os.path.relpath(r, base))
shutil.copy2(os.path.join(src, "a.txt"), os.path.join(base, "into", "a2.txt"))
print(sorted(os.listdir(os.path.join(base, "into"))))
shutil.copytree(src, os.path.join(base, "tree2"))
for root, dirs, files in os.walk(os.path.join(base, "tree2")):
    dirs.sort()
    print(os.path.relpath(root, base), sorted(files))
print(os.path.getsize(os.path.join(base, "tree2", "inner", "b.txt")))
shutil.move(os.path.join(base, "tree2"), os.path.join(base, "moved"))
print(sorted(os.listdir(base)))
shutil.rmtree(os.path.join(base, "moved"))
print(sorted(os.listdir(base)))
try:
    shutil.copyfile(os.path.join(base, "nope"), os.path.join(base, "x"))
except FileNotFoundError as e:
    print("FileNotFoundError", e.filename == os.path.join(base, "nope"))
try:
    shutil.copyfile(dst, dst)
except shutil.SameFileError as e:
    print("SameFileError")
print(shutil.which("definitely-not-a-command-xyz"))
print(shutil.get_terminal_size((77, 11)).columns > 0)

fd, path = tempfile.mkstemp(suffix=".dat", dir=base)
os.write(fd, b"raw bytes")
os.close(fd)
print(path.endswith(".dat"), open(path, "rb").read())
with tempfile.NamedTemporaryFile("w", dir=base, suffix=".txt", delete=False) as tf:
    tf.write("named")
    name = tf.name
print(name.endswith(".txt"), open(name).read())
with tempfile.TemporaryDirectory() as td:
    with open(os.path.join(td, "x"), "w") as f:
        f.write("x")
    print(os.listdir(td))
print(os.path.exists(td))
with tempfile.TemporaryFile() as tf:
    tf.write(b"abc")
    tf.seek(0)
    print(tf.read())
with tempfile.NamedTemporaryFile() as tf:
    tf.write(b"deleted on close")
    tname = tf.name
print(os.path.exists(tname))
shutil.rmtree(base)
print(os.path.exists(base))
