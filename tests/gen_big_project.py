#!/usr/bin/env python3
"""Generates a big project for bundle measurements (see docs/BUNDLES.md).

    gen_big_project.py OUT_DIR [--packages 10] [--subpackages 10] [--modules 10]

writes OUT_DIR/big/    packages p0..p9, each with subpackages s0..s9, each with modules
                       m0..m9 (1,000 modules by default, plus 110 __init__.py), and main.py
                       importing one module (p3.s4.m5) and calling it;
       OUT_DIR/small/  the same main.py with only the modules on its import path;
       OUT_DIR/one.py  a single module doing the same work (the module inlined).

Every module is about 40 lines: constants, a docstring, functions, a class, a comprehension,
so that decoding it costs about what a real module costs. Output is deterministic.
"""

import argparse
import os

MODULE = '''"""Module {name}: generated for bundle measurements."""

SCALE = {i}
NAMES = [{names}]


def area(w, h):
    """Area of a w x h rectangle, scaled."""
    return w * h * SCALE


def describe(values):
    total = 0
    for v in values:
        if v % 2:
            total += v
        else:
            total -= v
    return "{name}:" + str(total)


class Shape:
    """A shape with a name and sides."""

    def __init__(self, name, sides):
        self.name = name
        self.sides = sides

    def perimeter(self, length):
        return self.sides * length

    def __repr__(self):
        return "Shape(%r, %d)" % (self.name, self.sides)


def squares(n):
    return [k * k for k in range(n) if k % 3 != 1]


def work():
    s = Shape("{name}", SCALE % 7 + 3)
    return (area(3, 4), describe(range(10)), s.perimeter(2), sum(squares(10)), repr(s))
'''

MAIN = '''import {target} as target

print(target.work())
'''


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="\n") as f:
        f.write(text)


def module_text(name, i):
    names = ", ".join('"%s_%d"' % (name.replace(".", "_"), k) for k in range(5))
    return MODULE.format(name=name, i=i, names=names)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--packages", type=int, default=10)
    ap.add_argument("--subpackages", type=int, default=10)
    ap.add_argument("--modules", type=int, default=10)
    a = ap.parse_args()
    big = os.path.join(a.out, "big")
    small = os.path.join(a.out, "small")
    tp, ts, tm = a.packages * 3 // 10, a.subpackages * 4 // 10, a.modules // 2
    target = "p%d.s%d.m%d" % (tp, ts, tm)
    i = 0
    for p in range(a.packages):
        write(os.path.join(big, "p%d" % p, "__init__.py"), '"""Package p%d."""\n' % p)
        for s in range(a.subpackages):
            write(os.path.join(big, "p%d" % p, "s%d" % s, "__init__.py"), "")
            for m in range(a.modules):
                name = "p%d.s%d.m%d" % (p, s, m)
                text = module_text(name, i)
                i += 1
                write(os.path.join(big, "p%d" % p, "s%d" % s, "m%d.py" % m), text)
                if name == target:
                    write(os.path.join(small, "p%d" % p, "__init__.py"), '"""Package p%d."""\n' % p)
                    write(os.path.join(small, "p%d" % p, "s%d" % s, "__init__.py"), "")
                    write(os.path.join(small, "p%d" % p, "s%d" % s, "m%d.py" % m), text)
                    write(os.path.join(a.out, "one.py"), text + "\nprint(work())\n")
    write(os.path.join(big, "main.py"), MAIN.format(target=target))
    write(os.path.join(small, "main.py"), MAIN.format(target=target))
    print("%d modules in %s; main imports %s" % (i, big, target))


if __name__ == "__main__":
    main()
