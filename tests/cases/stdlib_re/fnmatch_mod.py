import fnmatch

names = ['main.py', 'test_main.py', 'README.md', 'setup.cfg', 'data.json', 'x.PY', 'a1.py', '.hidden.py']
print(fnmatch.filter(names, '*.py'))
print(fnmatch.filter(names, 'test_*'))
print(fnmatch.filter(names, '[a-m]*'))
print(fnmatch.filter(names, '?????.py'))
print(fnmatch.filter(names, '*.[!p]*'))
print(fnmatch.filter(names, '[!.]*.py'))
for pat in ['*.py', 'a?.py', '[ax]*', 'a[0-9].py', 'a[!0-9].py', '*', 'main.*', '[]]x', '[!]]', '[a-]', '*[*]']:
    print(pat, fnmatch.translate(pat), [n for n in ['a1.py', 'main.py', 'ax.py', ']x', 'z', '-', 'x*'] if fnmatch.fnmatchcase(n, pat)])
print(fnmatch.fnmatch('X.PY', '*.py'), fnmatch.fnmatchcase('X.PY', '*.py'))
print(fnmatch.fnmatch(b'data.bin', b'*.bin'), fnmatch.translate('**/*.txt'), fnmatch.translate('[^a]'))
print(fnmatch.fnmatch('a\nb', 'a?b'), fnmatch.fnmatch('ab', 'a\\b'), fnmatch.translate('[a-z&&b]'))
