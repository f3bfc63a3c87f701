import random
import math
from collections import Counter

random.seed(12345)
print([random.randint(1, 6) for _ in range(10)])
print(round(random.random(), 12), round(random.uniform(1, 2), 12), random.choice("abcdef"))
deck = list(range(10))
random.shuffle(deck)
print(deck, random.sample(range(100), 5))
print(random.choices(["a", "b", "c"], weights=[5, 1, 1], k=8))
print(round(random.gauss(0, 1), 10), round(random.expovariate(2.0), 10), random.randrange(0, 100, 7))
rng = random.Random(42)
walk = [0]
for _ in range(1000):
    walk.append(walk[-1] + rng.choice((-1, 1)))
print(min(walk), max(walk), walk[-1])
hits = sum(1 for _ in range(20000) if math.hypot(rng.random(), rng.random()) <= 1.0)
print(hits, round(4 * hits / 20000, 4))
print(Counter(rng.randint(1, 3) for _ in range(300)).most_common())
random.seed("text seed")
print(random.getrandbits(64), random.random())
