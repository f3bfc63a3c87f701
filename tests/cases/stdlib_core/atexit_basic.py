import atexit
import sys


def goodbye(name, punct="!"):
    print("goodbye", name + punct)


def first():
    print("registered first, runs last")


atexit.register(first)
atexit.register(goodbye, "world", punct="?")
atexit.register(goodbye, "unregistered")
atexit.unregister(goodbye)
atexit.register(goodbye, "again")


@atexit.register
def decorated():
    print("decorated runs first")
    sys.stdout.flush()


def failing():
    raise ValueError("in atexit")


atexit.register(failing)
print("main body done")
sys.exit(3)
