class S:
    def __await__(self):
        yield
class CE(BaseException): pass
async def stubborn():
    try:
        await S()
    except CE:
        print("cleanup")
        await S()
        print("re-raising")
        raise
c = stubborn()
c.send(None)
try:
    raise CE("x")
except BaseException as exc:
    c.throw(exc)
try:
    c.send(None)
except CE as e:
    print("propagated", e)
def g():
    try:
        raise KeyError("a")
    except KeyError:
        yield 1
        raise
x = g()
print(next(x))
try:
    next(x)
except KeyError as e:
    print("reraised", e)
import sys
def h():
    try:
        raise ValueError("v")
    except ValueError:
        yield sys.exc_info()[0]
        yield sys.exc_info()[0]
y = h()
print(next(y))
print(sys.exc_info())
print(next(y))
