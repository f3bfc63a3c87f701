m = memoryview(b'abc')
print(repr(m)[:12], str(m)[:12], m.tolist(), m.nbytes, m.readonly, m.format, m.itemsize, m.ndim, m.shape, m.strides, m.obj, m[1], bytes(m[1:]), m == b'abc', len(m), list(m), m.hex())
ba = bytearray(b'xyz'); m2 = memoryview(ba); m2[0] = 65; print(ba, m2.readonly, m2.tobytes(), type(m2).__name__, isinstance(m2, memoryview))
with memoryview(b"q") as mm:
    print(mm.tobytes())
try:
    memoryview("s")
except TypeError as e:
    print("TypeError:", e)
