# glob over the real filesystem, in a tree the case creates under its working directory.
import glob
import os

for d in ['pkg/sub', 'pkg/other', 'data', '.git']:
    os.makedirs('gtree/' + d, exist_ok=True)
for f in ['pkg/__init__.py', 'pkg/mod.py', 'pkg/sub/deep.py', 'pkg/sub/notes.txt', 'pkg/other/x.PY',
          'data/a1.csv', 'data/a2.csv', 'data/b1.csv', 'data/.secret.csv', 'setup.py', 'README', '.git/config']:
    with open('gtree/' + f, 'w') as fh:
        fh.write(f)

os.chdir('gtree')
print(sorted(glob.glob('*.py')))
print(sorted(glob.glob('*')))
print(sorted(glob.glob('pkg/*.py')))
print(sorted(glob.glob('pkg/*/*.py')))
print(sorted(glob.glob('data/a?.csv')), sorted(glob.glob('data/[ab]1.csv')), sorted(glob.glob('data/[!a]*')))
print(sorted(glob.glob('**/*.py', recursive=True)))
print(sorted(glob.glob('pkg/**', recursive=True)))
print(sorted(glob.glob('pkg/**/', recursive=True)))
print(sorted(glob.glob('data/*.csv', include_hidden=True)), sorted(glob.glob('.*')))
print(sorted(glob.glob('*.py', root_dir='pkg')), sorted(glob.glob('sub/*', root_dir='pkg')))
print(glob.glob('nothing*'), glob.glob('README'), glob.glob('missing'), glob.glob('pkg/'))
print(sorted(glob.iglob('data/*1.csv')), glob.has_magic('a*b'), glob.has_magic('abc'))
print(glob.escape('a*b?[c].txt'), sorted(glob.glob(glob.escape('data') + '/a*')))
print(sorted(glob.glob(b'data/*.csv')))
os.chdir('..')
print(sorted(glob.glob('gtree/*/*.csv')), sorted(glob.glob('*/pkg')), sorted(glob.glob('*.py', root_dir='gtree')))
