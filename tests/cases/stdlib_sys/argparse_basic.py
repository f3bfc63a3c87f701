# argparse: parsing, defaults, types, choices, subcommands, help and usage text.
import argparse

parser = argparse.ArgumentParser(prog="tool", description="A test tool.", epilog="Bye.")
parser.add_argument("files", nargs="*", help="input files")
parser.add_argument("-v", "--verbose", action="count", default=0, help="more output")
parser.add_argument("-n", "--num", type=int, default=3, help="a number (default: %(default)s)")
parser.add_argument("--mode", choices=["fast", "slow"], default="fast")
parser.add_argument("--flag", action="store_true")
parser.add_argument("--no-color", dest="color", action="store_false")
parser.add_argument("-I", "--include", action="append", default=[])
parser.add_argument("--pair", nargs=2, metavar=("A", "B"))
print(parser.parse_args([]))
print(parser.parse_args(["a", "b", "-vv", "--num", "7", "--mode=slow", "--flag", "-I", "x", "-Iy"]))
ns = parser.parse_args(["--pair", "1", "2", "--no-color", "f"])
print(ns.pair, ns.color, ns.files, vars(ns)["num"])
parser.print_help()
print(parser.format_usage(), end="")

sub = argparse.ArgumentParser(prog="git")
sp = sub.add_subparsers(dest="cmd", required=True)
c = sp.add_parser("commit", help="record changes")
c.add_argument("-m", "--message", required=True)
a = sp.add_parser("add", help="add files")
a.add_argument("paths", nargs="+")
print(sub.parse_args(["commit", "-m", "msg"]))
print(sub.parse_args(["add", "x", "y"]))
sub.print_help()

g = argparse.ArgumentParser(prog="g")
grp = g.add_mutually_exclusive_group()
grp.add_argument("--a", action="store_true")
grp.add_argument("--b", action="store_true")
print(g.parse_args(["--a"]))
known, rest = g.parse_known_args(["--b", "--other", "x"])
print(known, rest)

for args in [["--num", "x"], ["--mode", "medium"], ["--unknown"], ["--pair", "1"]]:
    try:
        parser.parse_args(args)
    except SystemExit as e:
        print("exit", e.code)
try:
    g.parse_args(["--a", "--b"])
except SystemExit as e:
    print("exit", e.code)
try:
    sub.parse_args([])
except SystemExit as e:
    print("exit", e.code)
