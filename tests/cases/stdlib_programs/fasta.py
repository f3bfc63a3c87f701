import bisect
import sys

alu = (
    'GGCCGGGCGCGGTGGCTCACGCCTGTAATCCCAGCACTTTGG'
    'GAGGCCGAGGCGGGCGGATCACCTGAGGTCAGGAGTTCGAGA'
    'CCAGCCTGGCCAACATGGTGAAACCCCGTCTCTACTAAAAAT')

iub = list(zip('acgtBDHKMNRSVWY', [0.27, 0.12, 0.12, 0.27] + [0.02] * 11))
homosapiens = [('a', 0.3029549426680), ('c', 0.1979883004921),
               ('g', 0.1975473066391), ('t', 0.3015094502008)]


def gen_random(lim, ia=3877, ic=29573, im=139968):
    seed = 42
    imf = float(im)
    while 1:
        seed = (seed * ia + ic) % im
        yield lim * seed / imf


Random = gen_random(1.)


def make_cumulative(table):
    P = []
    C = []
    prob = 0.
    for char, p in table:
        prob += p
        P += [prob]
        C += [char]
    return (P, C)


def repeat_fasta(src, n):
    width = 60
    r = len(src)
    s = src + src + src[:n % r]
    for j in range(n // width):
        i = j * width % r
        print(s[i:i + width])
    if n % width:
        print(s[-(n % width):])


def random_fasta(table, n, rand=Random):
    width = 60
    r = range(width)
    bb = bisect.bisect
    jn = ''.join
    probs, chars = make_cumulative(table)
    for j in range(n // width):
        print(jn([chars[bb(probs, next(rand))] for i in r]))
    if n % width:
        print(jn([chars[bb(probs, next(rand))] for i in range(n % width)]))


def main():
    n = int(sys.argv[1])
    print('>ONE Homo sapiens alu')
    repeat_fasta(alu, n * 2)
    print('>TWO IUB ambiguity codes')
    random_fasta(iub, n * 3)
    print('>THREE Homo sapiens frequency')
    random_fasta(homosapiens, n * 5)


main()
