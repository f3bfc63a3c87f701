"""Regenerates *.err: what CPython 3.11 prints (stderr) when running each *.py here,
with the directory part of the file name removed. Run: python3 gen_expected.py"""
import glob, os, subprocess, sys
here = os.path.dirname(os.path.abspath(__file__))
for f in sorted(glob.glob(os.path.join(here, "*.py"))):
    if f.endswith("gen_expected.py"):
        continue
    name = os.path.basename(f)
    r = subprocess.run([sys.executable, "-S", name], cwd=here, capture_output=True, text=True)
    err = r.stderr.replace(f'File "{f}"', f'File "{name}"')
    with open(f[:-3] + ".err", "w") as out:
        out.write(err)
