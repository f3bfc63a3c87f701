def do_unpacking(loops, to_unpack):
    s = 0
    for _ in range(loops):
        a, b, c, d, e, f, g, h, i, j = to_unpack
        a, b, c, d, e, f, g, h, i, j = to_unpack
        s += a + j
    return s


def main():
    print(do_unpacking(2000, tuple(range(10))), do_unpacking(2000, list(range(10))))
    first, *mid, last = range(10)
    print(first, mid, last)
    (a, b), [c, *d] = (1, 2), "xyz"
    print(a, b, c, d)


main()
