# Typical real-world regex use: logs, emails, URLs, dates, configs, templates.
import re

log = """\
2024-03-01 12:00:01 INFO  [main] Server started on port 8080
2024-03-01 12:00:05 WARN  [db] Slow query: 1532ms SELECT * FROM users
2024-03-01 12:01:17 ERROR [http] 500 GET /api/v1/items?id=42 (client 10.0.0.7)
2024-03-01 12:02:00 INFO  [http] 200 POST /api/v1/login (client 192.168.1.20)
2024-03-01 12:03:44 ERROR [db] Connection reset by peer
"""
line_re = re.compile(r'^(?P<date>\d{4}-\d\d-\d\d) (?P<time>[\d:]+) (?P<level>\w+)\s+\[(?P<comp>\w+)\] (?P<msg>.*)$', re.M)
counts = {}
for m in line_re.finditer(log):
    counts[m['level']] = counts.get(m['level'], 0) + 1
    if m['level'] == 'ERROR':
        print(m['time'], m['comp'], m['msg'])
print(sorted(counts.items()))
print(re.findall(r'\b(?:\d{1,3}\.){3}\d{1,3}\b', log))
print(re.findall(r'(GET|POST) (\S+)', log))
print([int(x) for x in re.findall(r'(\d+)ms', log)])

emails = 'Contact: john.doe@example.com, jane_smith99@mail.co.uk; bad@, @bad.com, x@y.z'
email_re = re.compile(r'[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}')
print(email_re.findall(emails))

urls = 'See https://www.python.org/doc/?q=re#top and http://localhost:8000/x, ftp://files.example.org.'
url_re = re.compile(r'(?P<scheme>https?|ftp)://(?P<host>[^/:\s]+)(?::(?P<port>\d+))?(?P<path>/[^\s,]*)?')
for m in url_re.finditer(urls):
    print(m.groupdict())

dates = 'Due 03/15/2024, paid 2024-03-20, shipped March 21, 2024'
print(re.sub(r'(\d\d)/(\d\d)/(\d{4})', r'\3-\1-\2', dates))
months = {'January': 1, 'February': 2, 'March': 3}
print(re.sub(r'(January|February|March) (\d+), (\d{4})',
             lambda m: '%s-%02d-%02d' % (m[3], months[m[1]], int(m[2])), dates))

config = """
# comment
[server]
host = example.com
port=8080

[client]
timeout = 30 ; seconds
name = "my client"
"""
section = None
conf = {}
for line in config.splitlines():
    if re.match(r'^\s*(#|$)', line):
        continue
    m = re.match(r'^\[(\w+)\]$', line)
    if m:
        section = conf.setdefault(m.group(1), {})
        continue
    m = re.match(r'^\s*(\w+)\s*=\s*("([^"]*)"|[^;]*?)\s*(?:;.*)?$', line)
    if m:
        section[m.group(1)] = m.group(3) if m.group(3) is not None else m.group(2)
print(conf)

template = 'Hello {{ name }}, you have {{count}} new {{ what | upper }}!'
values = {'name': 'Ann', 'count': 3, 'what': 'messages'}
def render(m):
    key, _, filt = m.group(1).partition('|')
    v = str(values[key.strip()])
    return v.upper() if filt.strip() == 'upper' else v
print(re.sub(r'\{\{\s*(.*?)\s*\}\}', render, template))

csv_line = 'a,"b,c",,"d ""quoted""",e'
fields = [m.group(1).replace('""', '"') if m.group(1) is not None else m.group(2)
          for m in re.finditer(r'(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))', csv_line)]
print(fields)

md = 'This is **bold**, *italic* and `code`, plus [a link](http://x.y).'
html = re.sub(r'\*\*(.+?)\*\*', r'<b>\1</b>', md)
html = re.sub(r'\*(.+?)\*', r'<i>\1</i>', html)
html = re.sub(r'`([^`]+)`', r'<code>\1</code>', html)
html = re.sub(r'\[([^\]]+)\]\(([^)]+)\)', r'<a href="\2">\1</a>', html)
print(html)

words = re.findall(r"[a-z']+", 'The quick brown fox -- it\'s QUICK -- jumps over the lazy dog. The end.'.lower())
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
print(sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:5])
print(re.sub(r'\s+', ' ', '  multiple   spaces\n\tand\tlines  ').strip())
print(re.findall(r'#(\w+)', 'Loving #python and #regex, not #'))
print(bool(re.fullmatch(r'[A-Fa-f0-9]{6}|[A-Fa-f0-9]{3}', 'c0ffee')), bool(re.fullmatch(r'\+?1?\d{9,15}', '+14155552671')))
print(re.split(r'(?<=[.!?])\s+', 'One. Two! Three? Four.'))
print(re.findall(r'(\w+)=(".*?"|\S+)', 'a=1 b="x y" c=3'))
version = re.compile(r'^v?(\d+)\.(\d+)(?:\.(\d+))?(?:-([\w.]+))?$')
for v in ['1.2', 'v3.11.7', '2.0.0-rc.1', '1.x']:
    m = version.match(v)
    print(v, m.groups() if m else None)
