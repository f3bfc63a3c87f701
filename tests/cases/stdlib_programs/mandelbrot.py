import sys


def main():
    w = h = int(sys.argv[1])
    out = sys.stdout.buffer
    out.write(("P4\n%d %d\n" % (w, h)).encode())
    iterations = 50
    for y in range(h):
        row = bytearray()
        bits = 0
        nbits = 0
        ci = 2.0 * y / h - 1.0
        for x in range(w):
            zr = zi = 0.0
            cr = 2.0 * x / w - 1.5
            i = 0
            while i < iterations and zr * zr + zi * zi <= 4.0:
                zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
                i += 1
            bits = (bits << 1) | (i == iterations)
            nbits += 1
            if nbits == 8:
                row.append(bits)
                bits = nbits = 0
        if nbits:
            row.append(bits << (8 - nbits))
        out.write(bytes(row))
    out.flush()
    sys.stdout.write("\ndone %d\n" % h)


if __name__ == "__main__":
    main()
