import struct
print(struct.pack('<ihb', 1, -2, 3), struct.pack('>Qd', 2**64-1, 1.5), struct.pack('@bid', 1, 2, 3.0))
print(struct.unpack('<ihb', b'\x01\x00\x00\x00\xfe\xff\x03'))
print(struct.calcsize('@bid'), struct.calcsize('=bid'), struct.calcsize('bi0q'), struct.calcsize('P'))
s = struct.Struct('<ih'); print(repr(s.format), s.size, s.pack(7, 8), s.unpack(b'\x07\x00\x00\x00\x08\x00'))
print(struct.pack('<5p', b'abcdefg'), struct.pack('<3s', b'a'), struct.unpack('3p', b'\x05ab'))
print(struct.pack('e', 1.5), struct.unpack('<e', b'\x00\x7c'), struct.pack('<f', 0.1), struct.unpack('<f', struct.pack('<f', 0.1)))
for v in [0.1, 65504.0, 1e-7, 6e-8, 3e-8, -2.5, 0.0, -0.0, 1/3]:
    print(struct.pack('<e', v), struct.unpack('<e', struct.pack('<e', v)))
print(list(struct.iter_unpack('<h', b'abcd')))
b = bytearray(8); struct.pack_into('<i', b, 2, -1); print(b)
print(struct.unpack_from('<h', b'abcdef', 2), struct.unpack_from('<h', b'abcdef', offset=-2))
for fmt in 'bBhHiIlLqQnN?':
  for pre in '@<':
    for v in (2**70, -2**70, -1, 300, 70000, 2**33):
      try: struct.pack(pre+fmt, v)
      except Exception as e: print(pre+fmt, v, type(e).__name__, e)
for a in [('c', b'ab'), ('c', 'a'), ('s', 'a'), ('i', 1.0), ('i', 'x'), ('?', []), ('3s', b'abcdef'), ('d', 'x'), ('<f', 1e300), ('e', 1e10), ('3',), ('z',), ('<i', 1, 2)]:
  try: print(a, struct.pack(*a))
  except Exception as e: print(a, type(e).__name__, e)
try: struct.unpack('<i', b'abc')
except struct.error as e: print(e)
print(struct.error.__module__, struct.error.__name__)
class S(struct.Struct):
    pass
print(S('<q').unpack(b'\x01' * 8))
