import heapq
import bisect
from heapq import heappush, heappop, heapify, nlargest, nsmallest, merge, heapreplace, heappushpop

h = []
for x in [5, 3, 8, 1, 9, 2, 7]:
    heappush(h, x)
print(h, [heappop(h) for _ in range(len(h))])
data = [9, 4, 7, 1, 8, 2]
heapify(data); print(data, data[0])
print(heapreplace(data, 10), data, heappushpop(data, 0), data)
print(nlargest(3, [5, 1, 8, 3, 9, 2]), nsmallest(2, [5, 1, 8, 3, 9, 2]))
print(nlargest(2, ['apple', 'fig', 'banana'], key=len), nsmallest(2, [(3, 'c'), (1, 'a'), (2, 'b')]))
print(list(merge([1, 4, 7], [2, 5, 8], [3, 6, 9])), list(merge([5, 3], [4, 1], reverse=True)))
print(list(merge(['a', 'ccc'], ['bb'], key=len)))
tasks = []
heappush(tasks, (2, 'write')); heappush(tasks, (1, 'plan')); heappush(tasks, (3, 'test'))
while tasks:
    print(heappop(tasks))
mh = [3, 1, 2]; heapq._heapify_max(mh); print(mh)
def err(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
err(lambda: heappop([]))
err(lambda: heapreplace([], 1))
a = [1, 2, 4, 4, 8]
print(bisect.bisect_left(a, 4), bisect.bisect_right(a, 4), bisect.bisect(a, 5), bisect.bisect_left(a, 0), bisect.bisect_right(a, 100))
bisect.insort(a, 3); bisect.insort_left(a, 4); bisect.insort_right(a, 9); print(a)
print(bisect.bisect_left(a, 4, 3), bisect.bisect_right(a, 4, 0, 3))
scores = [(1, 'a'), (3, 'c'), (5, 'e')]
print(bisect.bisect_left(scores, 3, key=lambda t: t[0]), bisect.bisect_right([10, 20, 30], 25, key=None))
bisect.insort(scores, (4, 'd'), key=lambda t: t[0]); print(scores)
def grade(score, breakpoints=[60, 70, 80, 90], grades='FDCBA'):
    return grades[bisect.bisect(breakpoints, score)]
print([grade(s) for s in [33, 99, 77, 70, 89, 90, 100]])
err(lambda: bisect.bisect_left(a, 1, -1))
xs = []
seed = 5
for _ in range(200):
    seed = (seed * 1103515245 + 12345) % 2**31
    xs.append(seed % 1000)
h = list(xs); heapify(h)
print([heappop(h) for _ in range(len(h))] == sorted(xs))
s = []
for x in xs:
    bisect.insort(s, x)
print(s == sorted(xs))
