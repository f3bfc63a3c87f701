import atexit


def cleanup(msg):
    print("cleanup:", msg)


atexit.register(cleanup, "after the exception")
print("before")
raise RuntimeError("uncaught")
