import sys
try:
    raise
except RuntimeError as e:
    print(e)
def show():
    print(sys.exc_info()[1])
try:
    raise ValueError("outer")
except ValueError:
    show()
    try:
        raise KeyError("inner")
    except KeyError:
        show()
    show()
show()
def g():
    try:
        raise ValueError("in gen")
    except ValueError:
        yield sys.exc_info()[1]
        yield sys.exc_info()[1]
it = g()
print(next(it))
print(sys.exc_info()[1])
print(next(it))
try:
    try:
        raise ValueError(1)
    except ValueError:
        raise
except ValueError as e:
    print("reraised", e)
e = None
try:
    raise TypeError("t")
except TypeError as e:
    pass
try:
    print(e)
except NameError as ne:
    print("NameError:", ne)
def f():
    try:
        return "try"
    finally:
        print("finally")
print(f())
def h():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                break
        finally:
            print("fin", i)
h()
try:
    raise ExceptionGroup("eg", [ValueError(1)])
except* ValueError:
    print(sys.exc_info()[1].__class__.__name__)
