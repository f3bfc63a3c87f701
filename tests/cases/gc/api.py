# The gc module's interface.
import gc

print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
print(gc.get_threshold())
old = gc.get_threshold()
gc.set_threshold(500)
print(gc.get_threshold())
gc.set_threshold(100, 5, 6)
print(gc.get_threshold())
gc.set_threshold(*old)
print(gc.get_threshold())
print(type(gc.get_count()), len(gc.get_count()))
gc.collect()
print(gc.collect(0), gc.collect(1), gc.collect(2), gc.collect(generation=2))
try:
    gc.collect(3)
except ValueError as e:
    print("ValueError", e)
try:
    gc.collect("x")
except TypeError as e:
    print("TypeError", e)
print(gc.garbage)


class N:
    pass


# Automatic collection keeps running while disabled objects pile up only when enabled.
gc.disable()
for i in range(2000):
    a = N()
    a.me = a
del a
print(gc.collect() >= 2000)
gc.enable()
for i in range(20000):
    a = N()
    a.me = a
del a
print(gc.collect() < 20000)
