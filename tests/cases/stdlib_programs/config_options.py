import configparser
import optparse
import hmac
import hashlib
import io

cp = configparser.ConfigParser()
cp.read_string("""
[DEFAULT]
level = 3
[server]
host = example.com
port = 8080
debug = yes
path = /srv/%(host)s
[client]
timeout = 2.5
""")
print(cp.sections(), cp["server"]["host"], cp.getint("server", "port"), cp.getboolean("server", "debug"))
print(cp.get("server", "path"), cp.getfloat("client", "timeout"), cp["client"]["level"], dict(cp["client"]))
cp["new"] = {"a": "1"}
out = io.StringIO()
cp.write(out)
print(out.getvalue())
try:
    cp.get("nosuch", "x")
except configparser.NoSectionError as e:
    print("NoSectionError", e)

parser = optparse.OptionParser(usage="%prog [options] files", prog="tool")
parser.add_option("-f", "--file", dest="filename", help="write to FILE", metavar="FILE")
parser.add_option("-q", "--quiet", action="store_false", dest="verbose", default=True)
parser.add_option("-n", type="int", dest="num", default=1)
opts, args = parser.parse_args(["-f", "out.txt", "-q", "-n", "7", "a", "b"])
print(opts.filename, opts.verbose, opts.num, args)
print(parser.format_help())
h = hmac.new(b"key", b"message", hashlib.sha256)
print(h.hexdigest(), hmac.compare_digest(b"abc", b"abc"), hmac.digest(b"k", b"m", "sha1").hex())
import secrets
print(len(secrets.token_hex(16)), len(secrets.token_bytes(8)), secrets.choice("a") == "a", 0 <= secrets.randbelow(10) < 10, len(secrets.token_urlsafe(12)))
print(hmac.compare_digest("abc", "abd"), hmac.new(b"k", digestmod="md5").name)
