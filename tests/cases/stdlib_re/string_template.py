import string
from string import Template

t = Template('$who likes $what, ${who}s like ${what}s; cost $$5')
print(t.substitute(who='tim', what='kung pao'))
print(t.substitute({'who': 'ann', 'what': 'tea'}))
print(Template('$a and $b').safe_substitute(a=1))
print(Template('$a $$ ${b} $').safe_substitute(a='x'))
try:
    Template('$missing').substitute()
except KeyError as e:
    print('KeyError', e)
try:
    Template('cost $ 5').substitute()
except ValueError as e:
    print('ValueError', e)
try:
    Template('line1\n  ${bad').substitute(bad=1)
except ValueError as e:
    print('ValueError', e)
print(Template('$x').template, Template('$x $y ${z} $$').get_identifiers(), Template('$x $').is_valid())

class Percent(Template):
    delimiter = '%'
print(Percent('%name is %{age} years, 100%%').substitute(name='Bo', age=7))

class Lower(Template):
    idpattern = r'[a-z]+'
print(Lower('$abc $ABC').safe_substitute(abc=1, ABC=2))

class Braces(Template):
    pattern = r'''
    \{\{(?:
      (?P<escaped>\{\{) |
      (?P<named>[_a-z][_a-z0-9]*)\}\} |
      (?P<braced>[_a-z][_a-z0-9]*)\}\} |
      (?P<invalid>)
    )
    '''
print(Braces('Hi {{name}}!').substitute(name='you'))

print(string.ascii_letters, string.digits, string.hexdigits, string.octdigits)
print(repr(string.whitespace), string.punctuation)
print(string.capwords('hello   world  of python'), string.capwords('a-b c-d', '-'))
f = string.Formatter()
print(f.format('{0} + {1} = {2:>5}', 1, 2, 3), f.format('{name!r:^10}|{x[0]}|{y.real}', name='n', x=[7], y=3))
print(list(f.parse('a{0}b{1:x}c{n!r}{{d}}')))
print(f.vformat('{a}-{b}', (), {'a': 1, 'b': 2}))
