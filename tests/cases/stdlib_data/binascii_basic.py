import binascii
print(binascii.hexlify(b'abc', '-'), binascii.hexlify(b'abcdef', ':', 2), binascii.b2a_hex(b'abc', b' ', -2), binascii.hexlify(b'\x00\xff'))
for a in ['abc', b'zz', b'a', 'é']:
  try: binascii.unhexlify(a)
  except Exception as e: print(type(e).__name__, e)
print(binascii.unhexlify('6162'), binascii.a2b_hex(b'FFfe'))
print(binascii.b2a_base64(b'hello'), binascii.b2a_base64(b'hello', newline=False), binascii.a2b_base64('aGVsbG8=\n'), binascii.a2b_base64(b'aGV sbG8='))
for a in [b'aGVsbG8', b'a', b'aGVsbG8=x', b'aGVsbA==', b'aGVsbA=', b'abcde']:
  try: print(binascii.a2b_base64(a))
  except Exception as e: print(type(e).__name__, e)
for a in [b'aGVs=bG8', b'=aGVs', b'aGVsbA==xx', b'aG!s']:
  try: print(binascii.a2b_base64(a, strict_mode=True))
  except Exception as e: print(type(e).__name__, e)
print(binascii.crc32(b'hello'), binascii.crc32(b'x', 5), binascii.crc_hqx(b'hello', 0), binascii.crc32(b'world', binascii.crc32(b'hello ')))
print(binascii.Error.__mro__, binascii.Incomplete.__mro__)
try: binascii.hexlify('abc')
except TypeError as e: print(e)
