import textwrap

text = ("The quick brown fox jumps over the lazy dog. Pack my box with five dozen "
        "liquor jugs! How vexingly quick daft zebras jump; the five boxing wizards jump quickly.")
print(textwrap.wrap(text, 30))
print(textwrap.fill(text, width=40))
print(textwrap.fill(text, width=50, initial_indent='* ', subsequent_indent='  '))
print(textwrap.shorten(text, width=60))
print(textwrap.shorten('Hello  world!', width=12), textwrap.shorten('Hello world', 11, placeholder='..'))
print(textwrap.wrap('a-very-long-hyphenated-word-that-needs-breaking here', 10))
print(textwrap.wrap('supercalifragilisticexpialidocious', 8))
print(textwrap.wrap('supercalifragilisticexpialidocious word', 8, break_long_words=False))
print(textwrap.wrap('tab\there and\tthere', 12), textwrap.wrap('tab\there', 12, expand_tabs=False))
print(textwrap.wrap('Sentence one.  Sentence two. Three', 15, fix_sentence_endings=True))
print(textwrap.wrap('  leading and trailing  ', 10), textwrap.wrap('  leading', 10, drop_whitespace=False))
print(textwrap.wrap('one two three four five six', width=10, max_lines=2))
print(textwrap.wrap('', 10), textwrap.wrap('   ', 10))
print(repr(textwrap.dedent('''\
    def f():
        return 1
      # comment
    ''')))
print(repr(textwrap.dedent('  a\n\t b\n')), repr(textwrap.dedent('\n  x\n   \n  y\n')))
print(repr(textwrap.indent('a\nb\n\nc\n', '> ')))
print(repr(textwrap.indent('a\n  \nb', '+ ', lambda line: True)))
w = textwrap.TextWrapper(width=20, initial_indent='- ', break_on_hyphens=False)
print(w.wrap('wrap-this-text please with a TextWrapper object'))
print(w.fill('short'))
print(textwrap.fill('x ' * 30, 25))
