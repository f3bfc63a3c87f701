# threading: threads run their targets, locks, events, conditions, local, current_thread.
import threading

results = []
def work(n, out):
    out.append(n * n)

threads = [threading.Thread(target=work, args=(i, results)) for i in range(5)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results), [t.is_alive() for t in threads])
print(threading.current_thread().name, threading.main_thread() is threading.current_thread())
print(threading.active_count(), type(threading.get_ident()).__name__)

lock = threading.Lock()
with lock:
    print(lock.locked(), lock.acquire(blocking=False))
print(lock.locked())
rl = threading.RLock()
with rl:
    with rl:
        print("reentrant ok")
ev = threading.Event()
print(ev.is_set(), ev.wait(0))
ev.set()
print(ev.is_set(), ev.wait(), ev.wait(1))
cond = threading.Condition()
with cond:
    cond.notify_all()
    print(cond.wait(0.001))
sem = threading.BoundedSemaphore(2)
print(sem.acquire(), sem.acquire(), sem.acquire(blocking=False))
sem.release()
sem.release()
try:
    sem.release()
except ValueError as e:
    print(e)

class Counter(threading.Thread):
    def __init__(self):
        super().__init__(name="counter")
        self.total = 0
    def run(self):
        for i in range(10):
            self.total += i
        print("running in", threading.current_thread().name)

c = Counter()
c.start()
c.join()
print(c.total, c.name)
data = threading.local()
data.x = 5
print(data.x)
try:
    c.start()
except RuntimeError as e:
    print(e)
t = threading.Thread(target=lambda: None, name="named")
print(t.name, t.daemon)
