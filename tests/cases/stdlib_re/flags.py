import re

print(re.findall(r'[a-z]+', 'Hello WORLD foo', re.I))
print(re.findall(r'(?i)hello', 'HELLO hello HeLLo'))
print(re.match(r'(?i:AB)c', 'abc'), re.match(r'(?i:AB)c', 'abC'))
print(re.match(r'a(?-i:b)c', 'AbC', re.I), re.match(r'a(?-i:b)c', 'ABC', re.I))
print(re.findall(r'^\w+', 'one\ntwo\nthree'), re.findall(r'^\w+', 'one\ntwo\nthree', re.M))
print(re.findall(r'\w+$', 'one\ntwo\nthree'), re.findall(r'\w+$', 'one\ntwo\nthree', re.MULTILINE))
print(re.findall(r'a.c', 'abc a\nc'), re.findall(r'a.c', 'abc a\nc', re.S), re.findall(r'(?s)a.c', 'a\nc'))
print(re.search(r'$', 'ab\n').span(), re.search(r'\Z', 'ab\n').span(), re.findall(r'$', 'a\nb\n', re.M))
print(re.search(r'\Aab', 'ab'), re.search(r'\Aab', 'xab'), re.search(r'^b', 'a\nb', re.M))

pat = re.compile(r"""
    (?P<year>\d{4})   # year
    -
    (?P<month>\d\d)   # month
    -
    (?P<day>\d\d)     # day
    [ ]+ \#   # a literal hash
""", re.VERBOSE)
print(pat.match('2024-01-15  # done').groupdict())
print(re.match(r'(?x) a b c # comment', 'abc'))

# ASCII vs Unicode
print(re.findall(r'\w+', 'café naïve über'), re.findall(r'\w+', 'café naïve über', re.A))
print(re.findall(r'\d', '1٢3४'), re.findall(r'\d', '1٢3४', re.ASCII))
print(re.findall(r'\s+', 'a\u00a0b\u2003c d'), re.findall(r'\s+', 'a\u00a0b\u2003c d', re.A))
print(re.findall(r'(?a)\w+', 'añb'), re.findall(r'\bé', 'é é'), re.findall(r'(?a)\bx', 'éx x'))

# case-insensitive unicode
print(re.findall(r'straße', 'STRASSE Straße STRAßE', re.I))
print(re.match(r'ΣΑΣ', 'σας', re.I), re.match(r'[α-ω]+', 'ΑΒΓ', re.I))
print(re.match(r'k', '\u212a', re.I), re.match(r'k', '\u212a', re.I | re.A))
print(re.match(r's', '\u017f', re.I), re.match(r'[a-z]+', 'ſK', re.I))
print(re.match(r'Ǆ', 'ǆ', re.I), re.match(r'[Ǆ]', 'ǅ', re.I))
print(re.match(r'(a)\1', 'aA', re.I), re.match(r'(a)\1', 'aA'))
print(re.findall(r'[^a]', 'aAb', re.I))
print(re.match(r'\u00e9', '\u00c9', re.I), re.match(r'[\u00e0-\u00ff]', '\u00c9', re.I))

# bytes flags
print(re.findall(rb'[a-z]+', b'Hello WORLD', re.I), re.findall(rb'\w+', b'caf\xe9 x'))
print(re.match(rb'(?L)\w+', b'abc'), re.compile(rb'x', re.L))

# flag repr and values
print(re.I, re.IGNORECASE == 2, int(re.M), re.S.value if hasattr(re.S, 'value') else re.S)
print(re.compile('a', re.I | re.M | re.S | re.X))
print(re.compile(b'a', re.I | re.L))
print(re.compile('a', re.U), re.compile('a', re.A | re.I))
print(re.compile('(?i)a').flags, re.compile('a').flags, re.compile(b'a').flags)
print(re.compile('(?x)a').flags & re.X != 0)
