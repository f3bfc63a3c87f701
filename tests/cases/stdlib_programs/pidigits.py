import sys
import itertools


def gen_x():
    return map(lambda k: (k, 4 * k + 2, 0, 2 * k + 1), itertools.count(1))


def compose(a, b):
    aq, ar, as_, at = a
    bq, br, bs, bt = b
    return (aq * bq, aq * br + ar * bt, as_ * bq + at * bs, as_ * br + at * bt)


def extract(z, j):
    q, r, s, t = z
    return (q * j + r) // (s * j + t)


def gen_pi_digits():
    z = (1, 0, 0, 1)
    x = gen_x()
    while 1:
        y = extract(z, 3)
        while y != extract(z, 4):
            z = compose(z, next(x))
            y = extract(z, 3)
        z = compose((10, -10 * y, 0, 1), z)
        yield y


def calc_ndigits(n):
    return list(itertools.islice(gen_pi_digits(), n))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    digits = calc_ndigits(n)
    for i in range(0, n, 10):
        chunk = "".join(map(str, digits[i:i + 10]))
        print("%-10s\t:%d" % (chunk, min(i + 10, n)))
    print(str(2 ** 1000 * 3 ** 500)[:40], (7 ** 300) % (10 ** 20), divmod(10 ** 50, 12345678901))


if __name__ == "__main__":
    main()
