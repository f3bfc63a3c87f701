import textwrap
import string
import pprint

text = ("The quick brown fox jumps over the lazy dog. " * 4).strip()
print(textwrap.fill(text, width=36))
print(textwrap.shorten(text, width=40, placeholder=" [...]"))
print(textwrap.indent("a\nb\n", "> "), end="")
print(textwrap.dedent("""
    def f():
        return 1
"""))
t = string.Template("Hello $name, you owe $$${amount}.")
print(t.substitute(name="Ann", amount="3.50"), t.safe_substitute(name="Bob"))
print(string.ascii_lowercase[:5], string.digits, string.capwords("hello  wide world"))
print("{:>8}|{:<6}|{:^7}|{:+.3f}".format("r", "l", "c", 3.14159))
data = {"name": "widget", "sizes": list(range(12)), "nested": {"a": [1, {"b": "c" * 30}], "z": None}}
pprint.pprint(data, width=50)
print(pprint.pformat([[1, 2], [3, 4]], width=10))
