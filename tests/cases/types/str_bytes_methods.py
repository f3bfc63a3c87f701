# str and bytes methods, codecs
s = "Hello, Wörld ß ǅ"
print(s.upper(), s.lower(), s.casefold(), s.title(), s.swapcase(), s.capitalize())
print("ab c".istitle(), "Ab C".istitle(), "\t".isprintable(), "é".isascii(), "½".isnumeric(), "½".isdigit(), "٣".isdecimal())
print("abc".center(8, "*"), "abc".ljust(2), "-42".zfill(6), "a\tbc\td".expandtabs(3), "x\r\ny\rz\n".splitlines(True))
print("  xx  ".strip(), "xxhixx".strip("x"), "{a}-{b!r}".format_map({"a": 1, "b": "z"}))
print("é€😀".encode("utf-8"), "é€😀".encode("utf-16"), "é".encode("utf-32-be"), "abé".encode("ascii", "replace"))
for bad in [b"\xff", b"\xe6\x97", b"a\xc3(", b"\xed\xa0\x80"]:
    try:
        bad.decode()
    except UnicodeDecodeError as e:
        print("UnicodeDecodeError:", e)
    print(bad.decode("utf-8", "replace"), bad.decode("utf-8", "ignore"), bad.decode("latin-1"))
try:
    "aé€".encode("ascii")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError:", e)
try:
    "x".encode("nope")
except LookupError as e:
    print("LookupError:", e)
b = b"  Hello World  "
print(b.strip(), b.lstrip(), b.rstrip(b" d"), b.split(), b.rsplit(maxsplit=1), b.title(), b.swapcase())
print(b"a,b,,c".split(b","), b"a,b,c".rsplit(b",", 1), b"abc".partition(b"b"), b"abc".rpartition(b"x"))
print(b"abcabc".count(b"bc"), b"abcabc".find(b"c", 3), b"abcabc".rfind(b"a"), b"abc".index(99), b"ab".replace(b"", b"-"))
print(b"abc".startswith((b"x", b"a")), b"abc".endswith(b"bc", 0, 3), b"ABC".isupper(), b"a1".isalnum(), b" \t".isspace())
print(bytes.fromhex("0a 0b"), bytearray.fromhex("ff"), b"\x01\x02\x03".hex(), b"\x01\x02\x03\x04".hex(":", 2), b"\x01\x02\x03".hex("-", -2))
print(b"a-b".translate(bytes.maketrans(b"-", b"+")), b"abc".translate(None, b"b"), b"x".center(5, b"."), b"7".zfill(3))
ba = bytearray(b"hello")
ba[1:3] = b"EY"
ba[0:0] = [65, 66]
del ba[-1]
ba.extend(range(48, 51))
print(ba, ba.pop(), ba.count(b"l"), ba.upper(), bytes(ba[::2]), ba.copy() == ba, ba.startswith(b"AB"))
print(b"%s %d %x %5.1f %r %b" % (b"x", 3, 255, 2.25, b"q", b"r"), bytearray(b"%c%c") % (65, b"z"))
try:
    b"%s" % "str"
except TypeError as e:
    print("TypeError:", e)
print(ord(b"a"), ord(bytearray(b"z")), b"a" in b"cab", 97 in bytearray(b"a"))
