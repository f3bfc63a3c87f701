import sys
from itertools import permutations, islice


def fannkuch(n):
    count = list(range(1, n + 1))
    max_flips = 0
    m = n - 1
    r = n
    check = 0
    perm1 = list(range(n))
    perm = list(range(n))
    perm1_ins = perm1.insert
    perm1_pop = perm1.pop
    checksum = 0
    permcount = 0
    while 1:
        if check < 30:
            check += 1
        while r != 1:
            count[r - 1] = r
            r -= 1
        if perm1[0] != 0 and perm1[m] != m:
            perm = perm1[:]
            flips_count = 0
            k = perm[0]
            while k:
                perm[:k + 1] = perm[k::-1]
                flips_count += 1
                k = perm[0]
            if flips_count > max_flips:
                max_flips = flips_count
            checksum += flips_count if permcount % 2 == 0 else -flips_count
        permcount += 1
        while r != n:
            perm1_ins(r, perm1_pop(0))
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1
        else:
            return checksum, max_flips


def flips_of(p):
    p = list(p)
    f = 0
    while p[0]:
        k = p[0]
        p[:k + 1] = p[k::-1]
        f += 1
    return f


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    checksum, mf = fannkuch(n)
    print(checksum)
    print("Pfannkuchen(%d) = %d" % (n, mf))
    print(max(flips_of(p) for p in islice(permutations(range(6)), 0, None, 7)))
