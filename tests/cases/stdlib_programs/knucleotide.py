import sys
from collections import Counter, defaultdict
import random


def make_seq(n, seed=42):
    rng = random.Random(seed)
    return "".join(rng.choice("GATC") for _ in range(n))


def count_frames(seq, frame):
    c = Counter()
    for i in range(len(seq) - frame + 1):
        c[seq[i:i + frame]] += 1
    return c


def sort_report(seq, frame):
    counts = count_frames(seq, frame)
    total = sum(counts.values())
    for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        print("%s %.3f" % (k, 100.0 * v / total))
    print()


def main():
    seq = make_seq(3000).upper()
    sort_report(seq, 1)
    sort_report(seq, 2)
    for frag in ("GGT", "GGTA", "GGTATT", "GGTATTTTAATT", "GGTATTTTAATTTATAGT"):
        print("%d\t%s" % (count_frames(seq, len(frag))[frag], frag))
    by_first = defaultdict(list)
    for k, v in count_frames(seq, 3).items():
        by_first[k[0]].append((k, v))
    for k in sorted(by_first):
        print(k, len(by_first[k]), max(by_first[k], key=lambda kv: (kv[1], kv[0])))
    print(Counter(seq).most_common(2))


if __name__ == "__main__":
    main()
