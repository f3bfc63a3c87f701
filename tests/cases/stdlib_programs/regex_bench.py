import re

DATA = ("From: alice@example.com (Alice) To: bob@test.org Date: 2023-01-15 10:30:00\n"
        "Visit http://www.python.org/doc/ or https://example.com:8080/path?q=1&r=2#frag\n"
        "Phone: (555) 123-4567, 555.987.6543; IP 192.168.0.1 and 10.0.0.255\n"
        "The quick brown fox jumps over the lazy dog 42 times in 1999.\n") * 20

PATTERNS = [
    r'[\w\.+-]+@[\w\.-]+\.[\w\.-]+',
    r'[\w]+://[^/\s?#]+[^\s?#]+(?:\?[^\s#]*)?(?:#[^\s]*)?',
    r'(?:\d{1,3}\.){3}\d{1,3}',
    r'\(?\d{3}\)?[ .-]?\d{3}[.-]\d{4}',
    r'\b\d{4}-\d{2}-\d{2}\b',
    r'(?i)THE\s+\w+',
    r'\b(\w+)\s+\1\b',
    r'^From:.*$',
    r'(?P<word>[a-z]+)(?=\s+dog)',
]


def main():
    for p in PATTERNS:
        rx = re.compile(p, re.M)
        found = rx.findall(DATA)
        print(p[:30], len(found), found[:3])
    print(re.sub(r'(\d+)', lambda m: str(int(m.group(1)) * 2), "a1 b22 c333"))
    print(re.split(r'[,;]\s*', "a, b;c,  d"))
    m = re.search(r'(?P<user>\w+)@(?P<host>[\w.]+)', DATA)
    print(m.group('user'), m.group('host'), m.span(), m.groupdict())
    print([m.start() for m in re.finditer(r'fox', DATA)][:5])
    print(re.fullmatch(r'[a-z]+\d*', 'abc123') is not None, re.match(r'\d', 'x') is None)
    print(re.subn(r'\s+', ' ', "a  b\t\tc\n d"), re.escape("a.b*c"))
    tokens = re.compile(r'\s*(?:(\d+)|(.))')
    print([t for t in tokens.findall("12 + 34 * (5 - 6)")])


if __name__ == '__main__':
    main()
