import sys, unicodedata
assert unicodedata.unidata_version == '14.0.0'
N=0x110000
def ranges(pred):
    out=[]; start=None
    for c in range(N):
        p=pred(c)
        if p and start is None: start=c
        if not p and start is not None: out.append((start,c-1)); start=None
    if start is not None: out.append((start,N-1))
    return out
def ch(c): return chr(c)
tables={}
tables['NONPRINTABLE']=ranges(lambda c: not chr(c).isprintable())
tables['ALPHA']=ranges(lambda c: chr(c).isalpha())
tables['DIGIT']=ranges(lambda c: chr(c).isdigit())
tables['NUMERIC']=ranges(lambda c: chr(c).isnumeric())
tables['XID_START']=ranges(lambda c: chr(c).isidentifier())
tables['XID_CONTINUE']=ranges(lambda c: ('a'+chr(c)).isidentifier())
tables['LOWER']=ranges(lambda c: chr(c).islower())
tables['UPPER']=ranges(lambda c: chr(c).isupper())
# cased: has lower/upper/title property; Python: c.lower()!=c or upper!=c or islower/isupper/istitle
tables['TITLE']=ranges(lambda c: chr(c).istitle() and not chr(c).isupper() and unicodedata.category(chr(c))=='Lt')
# decimal run starts
dec=[c for c in range(N) if chr(c).isdecimal()]
starts=[]
i=0
while i<len(dec):
    s=dec[i]
    assert unicodedata.decimal(chr(s))==0, hex(s)
    for k in range(10): assert dec[i+k]==s+k and unicodedata.decimal(chr(s+k))==k
    starts.append(s); i+=10
# case-ignorable & cased for python's title/final sigma? Python title uses _PyUnicode_IsCased
def cased(c):
    s=chr(c)
    return s.islower() or s.isupper() or s.istitle()
tables['CASED']=ranges(lambda c: cased(c))
def ignorable(c):
    ch=chr(c)
    if 0xd800<=c<0xe000: return False
    if cased(c): return ('AΣ'+ch).lower()[1]=='ς'
    return ('A'+ch+'Σ').lower()[-1]=='ς'
tables['CASE_IGNORABLE']=ranges(ignorable)
out=open(sys.argv[1],'w')
out.write('//! Unicode tables generated from python3.11 (`unicodedata.unidata_version` 14.0.0)\n//! by a script equivalent to the one described in each table\'s doc comment.\n//! Do not edit by hand.\n\n')
out.write('/// Binary search in a sorted table of inclusive ranges.\npub fn in_table(table: &[(u32, u32)], c: char) -> bool {\n    let c = c as u32;\n    table.binary_search_by(|&(lo, hi)| if hi < c { std::cmp::Ordering::Less } else if lo > c { std::cmp::Ordering::Greater } else { std::cmp::Ordering::Equal }).is_ok()\n}\n\n')
out.write('/// Value of `c` as a Unicode decimal digit (`unicodedata.decimal`), if it is one.\npub fn decimal_value(c: char) -> Option<u32> {\n    let c = c as u32;\n    let i = DECIMAL_STARTS.partition_point(|&s| s <= c);\n    let s = *DECIMAL_STARTS.get(i.checked_sub(1)?)?;\n    if c - s < 10 { Some(c - s) } else { None }\n}\n\n')
out.write('/// First code point (digit zero) of each run of ten decimal digits (category Nd).\npub static DECIMAL_STARTS: &[u32] = &[' + ', '.join('%#x'%s for s in starts) + '];\n\n')
docs={'NONPRINTABLE':'not c.isprintable()','ALPHA':'c.isalpha()','DIGIT':'c.isdigit()','NUMERIC':'c.isnumeric()','XID_START':'c.isidentifier()','XID_CONTINUE':"('a'+c).isidentifier()",'LOWER':'c.islower()','UPPER':'c.isupper()','TITLE':"category Lt",'CASED':'c.islower() or c.isupper() or c.istitle()','CASE_IGNORABLE':'Case_Ignorable (probed through final-sigma handling in str.lower)'}
for name,t in tables.items():
    out.write('/// Ranges of code points `c` with `%s`.\npub static %s: &[(u32, u32)] = &[\n' % (docs[name], name))
    line='   '
    for a,b in t:
        item=' (%#x, %#x),' % (a,b)
        if len(line)+len(item)>100: out.write(line+'\n'); line='   '
        line+=item
    out.write(line+'\n];\n\n')
# special case mappings: chars where python's upper/lower/title/casefold differ from single char or are useful
def esc(s): return ''.join('\\u{%x}'%ord(x) for x in s)
for name, fn in [('TITLE_MAP', str.title), ('CASEFOLD_MAP', str.casefold), ('UPPER_MAP', str.upper), ('LOWER_MAP', str.lower)]:
    items=[]
    for c in range(N):
        if 0xd800<=c<0xe000: continue
        s=chr(c); r=fn(s)
        if name=='TITLE_MAP':
            if r==s.upper(): continue
        elif name=='CASEFOLD_MAP':
            if r==s.lower(): continue
        elif r==s: continue
        items.append((c,r))
    out.write('/// `(c, %s)` for every code point where it differs from %s.\npub static %s: &[(u32, &str)] = &[\n' % ({'TITLE_MAP':'c.title()','CASEFOLD_MAP':'c.casefold()','UPPER_MAP':'c.upper()','LOWER_MAP':'c.lower()'}[name], {'TITLE_MAP':'c.upper()','CASEFOLD_MAP':'c.lower()','UPPER_MAP':'c','LOWER_MAP':'c'}[name], name))
    line='   '
    for c,r in items:
        item=' (%#x, "%s"),' % (c, esc(r))
        if len(line)+len(item)>100: out.write(line+'\n'); line='   '
        line+=item
    out.write(line+'\n];\n\n')
    print(name,len(items))
for n,t in tables.items(): print(n,len(t))
