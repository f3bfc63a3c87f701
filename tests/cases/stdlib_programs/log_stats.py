import re
from collections import Counter, defaultdict

LOG = """\
2024-01-05 10:00:01 INFO  user=alice action=login ip=10.0.0.1
2024-01-05 10:00:07 WARN  user=bob action=login ip=10.0.0.2 retries=3
2024-01-05 10:01:00 ERROR user=alice action=upload size=1024 error="disk full"
2024-01-05 10:02:30 INFO  user=carol action=logout ip=10.0.0.3
2024-01-05 10:03:45 ERROR user=bob action=upload size=2048 error="timeout"
2024-01-05 10:04:00 INFO  user=alice action=logout ip=10.0.0.1
"""

LINE = re.compile(r"^(?P<date>\d{4}-\d{2}-\d{2}) (?P<time>[\d:]+) (?P<level>\w+)\s+(?P<rest>.*)$")
KV = re.compile(r'(\w+)=("[^"]*"|\S+)')

levels = Counter()
by_user = defaultdict(list)
for line in LOG.splitlines():
    m = LINE.match(line)
    if not m:
        continue
    levels[m["level"]] += 1
    fields = {k: v.strip('"') for k, v in KV.findall(m.group("rest"))}
    by_user[fields["user"]].append((m["time"], fields["action"], fields.get("error")))

print(levels.most_common())
for user in sorted(by_user):
    print(user, by_user[user])
errors = [e for evs in by_user.values() for _, _, e in evs if e]
print(sorted(errors))
print(re.sub(r"ip=(\d+)\.(\d+)\.(\d+)\.(\d+)", r"ip=\1.\2.x.x", LOG.splitlines()[0]))
print(re.split(r"\s*[=\s]\s*", "a = b c=d"))
print(re.findall(r"\b\w+@\w+\.com\b", "mail a@b.com, x@y.org and c@d.com"))
