import random

random.seed(12345)
print([random.random() for _ in range(3)])
print([random.randint(1, 100) for _ in range(10)])
print([random.randrange(0, 1000, 7) for _ in range(5)], random.randrange(10**30))
print(random.choice('abcdefg'), random.choice([10, 20, 30]), random.choice(range(1000)))
items = list(range(20))
random.shuffle(items)
print(items)
print(random.sample(range(100), 5), random.sample(['a', 'b', 'c', 'd'], k=4))
print(random.choices('abc', k=6), random.choices([1, 2, 3], weights=[5, 1, 1], k=6))
print(random.choices('xyz', cum_weights=[1, 2, 10], k=5))
print(random.uniform(1.5, 2.5), random.triangular(0, 10, 3), random.gauss(0, 1), random.gauss(5, 2))
print(random.normalvariate(0, 1), random.lognormvariate(0, 0.5), random.expovariate(1.5))
print(random.betavariate(2, 3), random.gammavariate(2.5, 1.0), random.gammavariate(0.5, 2.0))
print(random.vonmisesvariate(1.0, 2.0), random.paretovariate(3.0), random.weibullvariate(1.0, 1.5))
print(random.getrandbits(1), random.getrandbits(32), random.getrandbits(100), random.randbytes(5))
print(random.binomialvariate(10, 0.3) if hasattr(random, 'binomialvariate') else 'n/a')

# seeds of other types
for s in [0, 1, -1, 2**64 + 3, 3.75, 'hello', b'bytes', bytearray(b'xy')]:
    random.seed(s)
    print(repr(s), random.random(), random.randint(0, 10**6))
random.seed('hello', version=1)
print(random.random())

# independent generators and state
r1 = random.Random(99)
r2 = random.Random(99)
print(r1.random() == r2.random(), r1.randint(1, 6), r2.randint(1, 6))
state = r1.getstate()
a = [r1.random() for _ in range(3)]
r1.setstate(state)
print(a == [r1.random() for _ in range(3)], state[0], len(state[1]), state[2])
r3 = random.Random()
r3.seed(7)
print(r3.choice(['x', 'y', 'z']), r3.sample(range(10), 3))


class MyRandom(random.Random):
    def random(self):
        return 0.5


m = MyRandom(1)
print(m.random(), m.choice([1, 2, 3]), m.uniform(0, 10))
try:
    random.choice([])
except IndexError as e:
    print('IndexError', e)
try:
    random.randrange(5, 5)
except ValueError as e:
    print('ValueError', e)
try:
    random.sample(range(3), 5)
except ValueError as e:
    print('ValueError', e)
random.seed(None)
x = random.random()
print(0.0 <= x < 1.0)
