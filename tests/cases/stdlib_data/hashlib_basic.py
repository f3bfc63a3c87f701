import hashlib

for name in ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha3_256', 'blake2b', 'blake2s']:
    h = hashlib.new(name)
    h.update(b'The quick brown fox ')
    h2 = h.copy()
    h.update(b'jumps over the lazy dog')
    print(name, h.name, h.digest_size, h.block_size, h.hexdigest())
    print('  ', h2.hexdigest()[:16], getattr(hashlib, name)(b'').hexdigest()[:16])

print(hashlib.md5(b'hello').digest())
print(hashlib.sha256(b'a' * 1000).hexdigest())
print(hashlib.sha256(bytearray(b'abc')).hexdigest() == hashlib.sha256(b'abc').hexdigest())
print(hashlib.shake_128(b'abc').hexdigest(16), hashlib.shake_256(b'abc').digest(4))
print(hashlib.blake2b(b'x', digest_size=20).hexdigest())
print(sorted(hashlib.algorithms_guaranteed))
print(hashlib.new('SHA256', b'abc').hexdigest())
try:
    hashlib.sha1('text')
except TypeError as e:
    print('TypeError', e)
try:
    hashlib.new('nope')
except ValueError as e:
    print('ValueError', e)
print(hashlib.pbkdf2_hmac('sha256', b'password', b'salt', 100).hex())
print(hashlib.pbkdf2_hmac('sha1', b'pw', b'salt', 2, dklen=10).hex())
