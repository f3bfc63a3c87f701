"""Generates compiler/src/unicode_names.txt (Unicode character names for \\N{...} escapes) from
CPython 3.11's unicodedata. Format: one name per line, sorted; each line is
`<shared prefix length with previous name><space><rest of name>[;<hex code point delta>]`, in code
point order (the delta from the previous code point is omitted when it is 1). Algorithmic names
(CJK/Tangut/... ideographs, Hangul syllables) are computed in code instead; their ranges are
listed at the end as `=<prefix>;<first hex>-<last hex>`."""
import re, sys, unicodedata
algo = re.compile(r'^(CJK UNIFIED IDEOGRAPH-|TANGUT IDEOGRAPH-|KHITAN SMALL SCRIPT CHARACTER-|NUSHU CHARACTER-|CJK COMPATIBILITY IDEOGRAPH-)')
names = []
ranges = {}
for c in range(0x110000):
    n = unicodedata.name(chr(c), None)
    if not n or n.startswith("HANGUL SYLLABLE "):
        continue
    m = algo.match(n)
    if m:
        p = m.group(1)
        rs = ranges.setdefault(p, [])
        if rs and rs[-1][1] == c - 1:
            rs[-1][1] = c
        else:
            rs.append([c, c])
        continue
    names.append((n, c))
out = []
prev = ""
prevc = -1
for n, c in names:
    k = 0
    while k < min(len(prev), len(n)) and prev[k] == n[k]:
        k += 1
    d = c - prevc
    out.append("%d %s%s" % (k, n[k:], "" if d == 1 else ";%X" % d))
    prev = n
    prevc = c
for p, rs in ranges.items():
    for a, b in rs:
        out.append("=%s;%X-%X" % (p, a, b))
open(sys.argv[1], "w").write("\n".join(out) + "\n")
