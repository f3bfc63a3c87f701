import _string, string
for s in ['a{{b}}c{0!r:>{w}}d}}', '', 'abc', '{}', '{:}', '{!s}', '{a.b[c][0]}x', '{{', '}}', 'x{0[}]}y']:
    print(repr(s), list(_string.formatter_parser(s)))
for s in ['{', '}', 'a}b', '{0!}', '{0!rr}', '{0', '{0:{}']:
    try: print(list(_string.formatter_parser(s)))
    except ValueError as e: print(repr(s), 'ValueError', e)
f, r = _string.formatter_field_name_split('0[1].x'); print(f, list(r))
f, r = _string.formatter_field_name_split(''); print(repr(f), list(r))
f, r = _string.formatter_field_name_split('a[x.y]'); print(repr(f), list(r))
for s in ['a.', 'a[', 'a[]', 'a..b', '.a', '[0]']:
    try: f, r = _string.formatter_field_name_split(s); print(repr(s), repr(f), list(r))
    except ValueError as e: print(repr(s), 'ValueError', e)
fm = string.Formatter()
print(fm.format("{0} {name!r} {1:>5} {x[0]} {p.real}", 1, 2.5, name="n", x=[7], p=3))
print(fm.vformat("{:{w}.{p}f}", (3.14159,), {"w": 10, "p": 2}))
print(string.ascii_letters, string.digits, string.hexdigits, string.punctuation, repr(string.whitespace))
print(string.capwords("hello   world  foo"))
t = string.Template("$who likes ${what} $$")
print(t.substitute(who="tim", what="kung pao"), t.safe_substitute(who="x"))
try: t.substitute(who=1)
except KeyError as e: print("KeyError", e)
print(t.get_identifiers(), t.is_valid())
class MyFormatter(string.Formatter):
    def format_field(self, value, spec):
        return "<" + super().format_field(value, spec) + ">"
print(MyFormatter().format("{} and {:03d}", "a", 7))
