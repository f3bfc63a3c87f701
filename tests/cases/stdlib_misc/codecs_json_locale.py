import codecs, json, locale, calendar, ipaddress
print(codecs.BOM_UTF8, codecs.encode("héllo", "utf-8"), codecs.decode(b"h\xc3\xa9", "utf8"), codecs.lookup("UTF-8").name, codecs.lookup("latin1").name)
try:
    codecs.lookup("nope")
except LookupError as e:
    print(e)
d = codecs.getincrementaldecoder("utf-8")()
print(repr(d.decode(b"h\xc3")), repr(d.decode(b"\xa9!", final=True)))
print(json.loads('{"a": [1, 2.5, null]}'), json.dumps({"b": True}))
print(ipaddress.ip_address("192.168.1.1") in ipaddress.ip_network("192.168.0.0/16"))
print(calendar.monthrange(2024, 2))
