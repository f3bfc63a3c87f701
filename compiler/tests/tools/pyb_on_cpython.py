#!/usr/bin/env python3
"""Runs a .pyb file on CPython 3.11: decodes the bincode code objects, translates our
instruction set to CPython 3.11 bytecode (inline caches, PRECALL, RESUME, MAKE_CELL,
COPY_FREE_VARS, RETURN_GENERATOR, relative jumps, localsplus deref indexes, the varint
exception table) and executes the module. A test oracle for `pyc`'s code generation that does
not need `pvm`: if a program behaves the same as the source run by python3, codegen is right.

Usage: pyb_on_cpython.py FILE.pyb [args...]   (single-module files and bundles)
"""
import dis, struct, sys, types, importlib.abc, importlib.util

# ---------------------------------------------------------------- bincode reader
class R:
    def __init__(self, b, pos=0):
        self.b, self.p = b, pos
    def byte(self):
        v = self.b[self.p]; self.p += 1; return v
    def uv(self):
        v = self.byte()
        if v < 251: return v
        n = {251: 2, 252: 4, 253: 8, 254: 16}[v]
        r = int.from_bytes(self.b[self.p:self.p + n], 'little'); self.p += n; return r
    def iv(self):
        z = self.uv(); return (z >> 1) ^ -(z & 1)
    def f64(self):
        v = struct.unpack_from('<d', self.b, self.p)[0]; self.p += 8; return v
    def bytes_(self):
        n = self.uv(); v = bytes(self.b[self.p:self.p + n]); self.p += n; return v
    def str_(self): return self.bytes_().decode('utf-8', 'surrogatepass')
    def vec(self, f): return [f() for _ in range(self.uv())]
    def opt(self, f): return f() if self.byte() else None
    def bool_(self): return bool(self.byte())

def read_const(r):
    t = r.uv()
    if t == 0: return None
    if t == 1: return r.bool_()
    if t == 2: return r.iv()
    if t == 3: return int.from_bytes(r.bytes_(), 'little', signed=True)
    if t == 4: return r.f64()
    if t == 5: re_ = r.f64(); im = r.f64(); return complex(re_, im)
    if t == 6: return r.str_()
    if t == 7: return r.bytes_()
    if t == 8: return tuple(r.vec(lambda: read_const(r)))
    if t == 9: return frozenset(r.vec(lambda: read_const(r)))
    if t == 10: return read_code(r)
    if t == 11: return ...
    raise ValueError("bad constant tag %d" % t)

def read_code(r):
    c = {}
    for k in ('argcount', 'posonly', 'kwonly', 'stacksize', 'flags'): c[k] = r.uv()
    c['code'] = r.bytes_()
    c['consts'] = r.vec(lambda: read_const(r))
    for k in ('names', 'varnames', 'cellvars', 'freevars'): c[k] = r.vec(r.str_)
    for k in ('filename', 'name', 'qualname'): c[k] = r.str_()
    c['firstlineno'] = r.uv()
    c['lines'] = r.vec(lambda: (r.uv(), (r.uv(), r.uv(), r.uv(), r.uv())))
    c['exc'] = r.vec(lambda: (r.uv(), r.uv(), r.uv(), r.uv(), r.bool_()))
    return c

# ---------------------------------------------------------------- translation
OP = dis.opmap
CACHES = dis._inline_cache_entries
OURS = {}  # our opcode number -> name (from the format crate's table, see opcode.rs)
OUR_TABLE = """NOP 0 POP_TOP 1 PUSH_NULL 2 COPY 3 SWAP 4 LOAD_CONST 5 LOAD_FAST 6 STORE_FAST 7 DELETE_FAST 8
LOAD_NAME 9 STORE_NAME 10 DELETE_NAME 11 LOAD_GLOBAL 12 STORE_GLOBAL 13 DELETE_GLOBAL 14 LOAD_DEREF 15
STORE_DEREF 16 DELETE_DEREF 17 LOAD_CLASSDEREF 18 LOAD_CLOSURE 19 LOAD_ATTR 20 STORE_ATTR 21
DELETE_ATTR 22 LOAD_METHOD 23 KW_NAMES 24 CALL 25 CALL_FUNCTION_EX 26 MAKE_FUNCTION 27
RETURN_VALUE 28 BINARY_OP 29 COMPARE_OP 30 IS_OP 31 CONTAINS_OP 32 UNARY_POSITIVE 33
UNARY_NEGATIVE 34 UNARY_NOT 35 UNARY_INVERT 36 BINARY_SUBSCR 37 STORE_SUBSCR 38 DELETE_SUBSCR 39
BUILD_SLICE 40 BUILD_TUPLE 41 BUILD_LIST 42 BUILD_SET 43 BUILD_MAP 44 BUILD_CONST_KEY_MAP 45
BUILD_STRING 46 LIST_APPEND 47 SET_ADD 48 MAP_ADD 49 LIST_EXTEND 50 SET_UPDATE 51 DICT_UPDATE 52
DICT_MERGE 53 LIST_TO_TUPLE 54 FORMAT_VALUE 55 UNPACK_SEQUENCE 56 UNPACK_EX 57 JUMP 58
POP_JUMP_IF_FALSE 59 POP_JUMP_IF_TRUE 60 POP_JUMP_IF_NONE 61 POP_JUMP_IF_NOT_NONE 62
JUMP_IF_FALSE_OR_POP 63 JUMP_IF_TRUE_OR_POP 64 GET_ITER 65 FOR_ITER 66 GET_YIELD_FROM_ITER 67
YIELD_VALUE 68 SEND 69 LOAD_BUILD_CLASS 70 SETUP_ANNOTATIONS 71 IMPORT_NAME 72 IMPORT_FROM 73
IMPORT_STAR 74 RAISE_VARARGS 75 RERAISE 76 PUSH_EXC_INFO 77 POP_EXCEPT 78 CHECK_EXC_MATCH 79
CHECK_EG_MATCH 80 PREP_RERAISE_STAR 81 WITH_EXCEPT_START 82 BEFORE_WITH 83 BEFORE_ASYNC_WITH 84
GET_AWAITABLE 85 GET_AITER 86 GET_ANEXT 87 END_ASYNC_FOR 88 ASYNC_GEN_WRAP 89
LOAD_ASSERTION_ERROR 90 MATCH_CLASS 91 MATCH_MAPPING 92 MATCH_SEQUENCE 93 MATCH_KEYS 94 GET_LEN 95
COPY_DICT_WITHOUT_KEYS 96 EXTENDED_ARG 97""".split()
for i in range(0, len(OUR_TABLE), 2):
    OURS[int(OUR_TABLE[i + 1])] = OUR_TABLE[i]
JUMPS = {'JUMP', 'POP_JUMP_IF_FALSE', 'POP_JUMP_IF_TRUE', 'POP_JUMP_IF_NONE', 'POP_JUMP_IF_NOT_NONE',
         'JUMP_IF_FALSE_OR_POP', 'JUMP_IF_TRUE_OR_POP', 'FOR_ITER', 'SEND'}
DEREF = {'LOAD_DEREF', 'STORE_DEREF', 'DELETE_DEREF', 'LOAD_CLASSDEREF', 'LOAD_CLOSURE'}

def decode(code):
    out, ext, start = [], 0, None
    for i in range(0, len(code), 2):
        op, arg = code[i], code[i + 1]
        if op == 97:
            ext = (ext << 8) | arg
            start = i // 2 if start is None else start
            continue
        out.append(((i // 2) if start is None else start, OURS[op], (ext << 8) | arg))
        ext, start = 0, None
    return out

def varint6(v, first):
    chunks = []
    chunks.append(v & 63); v >>= 6
    while v:
        chunks.append(v & 63); v >>= 6
    chunks.reverse()
    out = []
    for i, ch in enumerate(chunks):
        b = ch | (64 if i < len(chunks) - 1 else 0)
        if i == 0 and first: b |= 128
        out.append(b)
    return bytes(out)

def translate(c):
    cell = c['cellvars']; free = c['freevars']; varnames = c['varnames']
    localsplus = list(varnames) + [x for x in cell if x not in varnames] + list(free)
    def deref(i):
        name = cell[i] if i < len(cell) else free[i - len(cell)]
        if i >= len(cell):
            return len(localsplus) - len(free) + (i - len(cell))
        return localsplus.index(name)
    is_gen = c['flags'] & (0x20 | 0x80 | 0x200)
    ins = decode(c['code'])
    # build the CPython instruction list: (name, arg, our_target_unit or None, origin_unit)
    prologue = []
    for name in cell:
        prologue.append(('MAKE_CELL', localsplus.index(name), None, None))
    if free:
        prologue.append(('COPY_FREE_VARS', len(free), None, None))
    if is_gen:
        prologue += [('RETURN_GENERATOR', 0, None, None), ('POP_TOP', 0, None, None)]
    prologue.append(('RESUME', 0, None, None))
    body = []
    prev = None
    for off, name, arg in ins:
        tgt = arg if name in JUMPS else None
        if name == 'CALL':
            body.append(('PRECALL', arg, None, off))
            body.append(('CALL', arg, None, None))
        elif name == 'LOAD_GLOBAL':
            if body and body[-1][0] == 'PUSH_NULL':
                body[-1] = ('NOP', 0, None, body[-1][3])
                body.append(('LOAD_GLOBAL', (arg << 1) | 1, None, None))
            else:
                body.append(('LOAD_GLOBAL', arg << 1, None, off))
        elif name in DEREF:
            body.append((name, deref(arg), None, off))
        elif name == 'YIELD_VALUE':
            body.append(('YIELD_VALUE', 0, None, off))
            body.append(('RESUME', 2 if prev == 'SEND' else 1, None, None))
        else:
            body.append((name, arg, tgt, off))
        prev = name
    allins = prologue + body
    # layout with caches, iterating EXTENDED_ARG sizes
    sizes = [1] * len(allins)
    unit_to_idx = {}
    for idx, x in enumerate(allins):
        if x[3] is not None and x[3] not in unit_to_idx:
            unit_to_idx[x[3]] = idx
    nunits = len(c['code']) // 2
    def idx_of(unit):
        # our unit -> first CPython instruction generated for it
        while unit not in unit_to_idx and unit < nunits:
            unit += 1
        return unit_to_idx.get(unit, len(allins))
    final = None
    for _ in range(10):
        offs = []
        o = 0
        for idx, x in enumerate(allins):
            offs.append(o)
            o += sizes[idx]
        offs.append(o)
        final = []
        changed = False
        for idx, (name, arg, tgt, orig) in enumerate(allins):
            opname = name
            if tgt is not None:
                t = offs[idx_of(tgt)]
                here_end = offs[idx] + sizes[idx]
                fwd = t >= here_end
                if name == 'JUMP':
                    opname = 'JUMP_FORWARD' if fwd else 'JUMP_BACKWARD'
                elif name.startswith('POP_JUMP_IF_'):
                    opname = ('POP_JUMP_FORWARD_IF_' if fwd else 'POP_JUMP_BACKWARD_IF_') + name[len('POP_JUMP_IF_'):]
                elif not fwd:
                    raise ValueError('backward %s' % name)
                arg = (t - here_end) if fwd else (here_end - t)
            ncache = CACHES[OP[opname]]
            ext = 0 if arg < 256 else 1 if arg < 65536 else 2 if arg < 1 << 24 else 3
            size = 1 + ext + ncache
            if size != sizes[idx]:
                sizes[idx] = size; changed = True
            final.append((opname, arg, ext, ncache))
        if not changed:
            break
    out = bytearray()
    for opname, arg, ext, ncache in final:
        for j in range(ext, 0, -1):
            out += bytes([OP['EXTENDED_ARG'], (arg >> (8 * j)) & 255])
        out += bytes([OP[opname], arg & 255])
        out += bytes(2 * ncache)
    # exception table
    et = bytearray()
    for (s, e, t, d, l) in c['exc']:
        cs = offs[idx_of(s)]
        ce = offs[idx_of(e)] if e < nunits else offs[len(allins)]
        ct = offs[idx_of(t)]
        if ce <= cs:
            continue
        et += varint6(cs, True) + varint6(ce - cs, False) + varint6(ct, False) + varint6((d << 1) | l, False)
    # line table: one entry per instruction with its line (kind 13 = no columns)
    lt = bytearray()
    line = c['firstlineno']
    lines = c['lines']
    def line_at(unit):
        best = c['firstlineno']
        for st, pos in lines:
            if st <= unit:
                best = pos[0] or best
        return best
    for idx, x in enumerate(allins):
        orig = x[3]
        ln = line_at(orig) if orig is not None else line
        n = sizes[idx]
        while n > 0:
            k = min(n, 8)
            delta = ln - line
            zz = (delta << 1) if delta >= 0 else ((-delta) << 1) | 1
            lt.append(0x80 | (13 << 3) | (k - 1))
            v = zz
            while v >= 64:
                lt.append((v & 63) | 64); v >>= 6
            lt.append(v)
            line = ln
            n -= k
    consts = tuple(translate(x) if isinstance(x, dict) else x for x in c['consts'])
    return types.CodeType(
        c['argcount'], c['posonly'], c['kwonly'], len(varnames), c['stacksize'] + 4, c['flags'],
        bytes(out), consts, tuple(c['names']), tuple(varnames), c['filename'], c['name'],
        c['qualname'], c['firstlineno'], bytes(lt), bytes(et), tuple(free), tuple(cell))

# ---------------------------------------------------------------- container + running
def load(path):
    b = open(path, 'rb').read()
    assert b[:8] == b'\x89PYB\r\n\x1a\n', 'bad magic'
    payload = b[40:]
    tlen = int.from_bytes(payload[:4], 'little')
    r = R(payload, 4)
    mods = r.vec(lambda: (r.str_(), r.bool_(), r.str_(), r.uv(), r.uv(), r.opt(r.str_)))
    main = r.opt(r.uv)
    return payload, mods, main

class Finder(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    def __init__(self, payload, mods):
        self.payload, self.mods = payload, {m[0]: m for m in mods}
    def find_spec(self, name, path, target=None):
        m = self.mods.get(name)
        if not m:
            return None
        spec = importlib.util.spec_from_loader(name, self, origin=m[2], is_package=m[1])
        spec.has_location = True
        if m[1]:
            spec.submodule_search_locations = []
        return spec
    def create_module(self, spec): return None
    def exec_module(self, module):
        m = self.mods[module.__name__]
        module.__file__ = m[2]
        exec(self.code(m), module.__dict__)
    def code(self, m):
        return translate(read_code(R(self.payload, m[3])))

def main():
    payload, mods, main_i = load(sys.argv[1])
    f = Finder(payload, mods)
    sys.meta_path.insert(0, f)
    m = mods[main_i]
    sys.argv = [m[2]] + sys.argv[2:]
    g = {'__name__': '__main__', '__file__': m[2], '__builtins__': __builtins__}
    mod = types.ModuleType('__main__')
    mod.__dict__.update(g)
    sys.modules['__main__'] = mod
    exec(f.code(m), mod.__dict__)

if __name__ == '__main__':
    main()
