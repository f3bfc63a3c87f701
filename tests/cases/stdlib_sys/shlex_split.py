# shlex: split, quote, join, and the lexer.
import shlex

for s in ['a b c', 'a "b c" d', '"it\'s" ok', 'esc\\ aped "in\\"ner"', '  spaced   out  ', 'x # comment', '']:
    print(repr(s), shlex.split(s))
print(shlex.split("x # comment", comments=True))
print(shlex.split('a "b c"', posix=False))
for s in ["simple", "has space", "it's", "", "$HOME", "a;b"]:
    print(repr(s), shlex.quote(s))
print(shlex.join(["ls", "-l", "my file", "it's"]))
lex = shlex.shlex("a=1 b='two words' c", posix=True)
lex.whitespace_split = True
print(list(lex))
lex = shlex.shlex("foo(bar, 'baz')")
print(list(lex))
try:
    shlex.split('unterminated "quote')
except ValueError as e:
    print(e)
