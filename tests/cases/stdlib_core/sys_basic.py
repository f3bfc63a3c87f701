import sys

print(sys.version_info[:2], sys.version_info >= (3, 8), sys.version_info.major, sys.version_info.minor)
print(sys.version_info)
print(type(sys.version_info).__name__, isinstance(sys.version_info, tuple))
print(sys.float_info.max, sys.float_info.epsilon, sys.float_info.dig, sys.float_info.mant_dig)
print(sys.float_info)
print(sys.int_info)
print(sys.hash_info.modulus, sys.hash_info.width, sys.hash_info.inf)
print(sys.flags.optimize, sys.flags.debug, sys.flags.dont_write_bytecode)
print(sys.maxsize, sys.maxsize == 2**63 - 1, sys.maxunicode, sys.byteorder, sys.platform)
print(sys.hexversion >= 0x030B0000, sys.warnoptions, sys.getdefaultencoding(), sys.getfilesystemencoding())
print(sys.getrecursionlimit())
sys.setrecursionlimit(2500)
print(sys.getrecursionlimit())
print(sys.intern("hello") == "hello", sys.intern("hello") is sys.intern("hello"))
try:
    sys.intern(1)
except TypeError as e:
    print("TypeError:", e)
print(sys.exc_info(), sys.exception())
try:
    {}["k"]
except KeyError:
    t, v, tb = sys.exc_info()
    print(t.__name__, repr(v), tb.tb_lineno, tb.tb_frame.f_code.co_name, sys.exception() is v)
print(sys.getsizeof(1), sys.getsizeof(2**100), sys.getsizeof(1.5), sys.getsizeof("abc"), sys.getsizeof([]))
print(sys.getsizeof(()), sys.getsizeof((1, 2)), sys.getsizeof({}), sys.getsizeof({"a": 1}), sys.getsizeof(set()))
print(sys.getsizeof(None), sys.getsizeof(True), sys.getsizeof(b"xy"))
print("sys" in sys.modules, sys.modules["sys"] is sys, isinstance(sys.path, list), isinstance(sys.argv, list))
print(sys.implementation.version[:2], sys.implementation.cache_tag is None or isinstance(sys.implementation.cache_tag, str))
print(sys.stdout.encoding, sys.stdout.name, sys.stdin.name, sys.stderr.name, sys.stdin.mode)
print(sys.stdout.writable(), sys.stdin.readable(), sys.stdout.fileno(), sys.stderr.fileno())
print(sys.stdout is sys.__stdout__, sys.stderr is sys.__stderr__)
n = sys.stdout.write("written\n")
print(n)
sys.stdout.writelines(["a\n", "b\n"])
sys.stdout.flush()
sys.stdout.buffer.write(b"raw bytes\n")
sys.stdout.flush()
sys.stderr.write("to stderr\n")


def where():
    f = sys._getframe()
    caller = sys._getframe(1)
    return f.f_code.co_name, caller.f_code.co_name, f.f_back.f_code.co_name, caller.f_globals["__name__"]


print(where())


def outer():
    x = 1
    y = "two"
    return inner()


def inner():
    fr = sys._getframe(1)
    return fr.f_code.co_name, sorted(fr.f_locals.items()), fr.f_lineno


print(outer())
try:
    sys._getframe(1000)
except ValueError as e:
    print("ValueError:", e)
sys.displayhook(None)
sys.displayhook("shown")
print(repr(__builtins__._) if hasattr(__builtins__, "_") else "no _")
print(sys.get_asyncgen_hooks())
first = sys.stdin.readline()
print("first line:", repr(first))
print("two chars:", repr(sys.stdin.read(2)))
rest = [line.rstrip("\n") for line in sys.stdin]
print("rest:", rest)
print("at eof:", repr(sys.stdin.readline()), repr(sys.stdin.read()))
try:
    sys.exit(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    sys.exit("message")
except SystemExit as e:
    print("SystemExit:", e.code)
sys.exit(4)
