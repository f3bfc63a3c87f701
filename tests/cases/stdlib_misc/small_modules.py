import graphlib, colorsys, html, getopt, timeit, queue, sched

ts = graphlib.TopologicalSorter({"d": {"b", "c"}, "b": {"a"}, "c": {"a"}})
order = list(ts.static_order())
print(order[0], order[-1], sorted(order[1:3]))
try:
    graphlib.TopologicalSorter({"a": {"b"}, "b": {"a"}}).prepare()
except graphlib.CycleError as e:
    print("cycle:", e.args[0])
print(colorsys.rgb_to_hsv(0.2, 0.4, 0.4), colorsys.hls_to_rgb(0.5, 0.5, 0.5))
print(html.escape('<a href="x">&</a>'), html.unescape("&lt;&amp;&gt;&eacute;&#65;"))
print(getopt.getopt(["-a", "-b", "val", "--long=x", "rest"], "ab:", ["long="]))
try:
    getopt.getopt(["-z"], "ab")
except getopt.GetoptError as e:
    print("GetoptError:", e)
n = [0]
def work():
    n[0] += 1
t = timeit.timeit(work, number=100)
print(n[0], t >= 0.0, len(timeit.repeat(work, repeat=3, number=10)), n[0])
q = queue.Queue()
for i in range(3):
    q.put(i)
print(q.qsize(), q.get(), q.get_nowait(), q.empty())
pq = queue.PriorityQueue()
for x in [(3, "c"), (1, "a"), (2, "b")]:
    pq.put(x)
print([pq.get() for _ in range(3)])
lq = queue.LifoQueue()
lq.put(1); lq.put(2)
print(lq.get(), lq.get())
try:
    q.get_nowait(); q.get_nowait()
except queue.Empty:
    print("Empty")
s = sched.scheduler()
out = []
s.enter(0.002, 2, out.append, ("second",))
s.enter(0.001, 1, out.append, ("first",))
s.run()
print(out)
