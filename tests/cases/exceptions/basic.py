def risky(n):
    if n == 0:
        raise ValueError("zero!")
    return 10 / n
for n in (2, 0):
    try:
        r = risky(n)
    except ValueError as e:
        print("caught", e, type(e).__name__, e.args)
    else:
        print("ok", r)
    finally:
        print("finally", n)
try:
    1 / 0
except ZeroDivisionError as e:
    print(e)
try:
    [][1]
except IndexError as e:
    print(e)
try:
    {}["k"]
except KeyError as e:
    print(repr(e), str(e))
try:
    int("x")
except (TypeError, ValueError) as e:
    print(type(e).__name__, e)
class MyErr(Exception):
    def __init__(self, code):
        super().__init__(f"code {code}")
        self.code = code
try:
    raise MyErr(7)
except Exception as e:
    print(e, e.code, isinstance(e, MyErr))
def f():
    try:
        return "try"
    finally:
        print("cleanup")
print(f())
def g():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                break
        finally:
            print("fin", i)
g()
try:
    try:
        raise KeyError("a")
    except KeyError:
        raise RuntimeError("b")
except RuntimeError as e:
    print(repr(e.__context__), e.__cause__)
try:
    try:
        raise KeyError("a")
    except KeyError as k:
        raise RuntimeError("b") from k
except RuntimeError as e:
    print(repr(e.__cause__), e.__suppress_context__)
try:
    raise TypeError
except TypeError as e:
    print(repr(e), e.args)
def reraise():
    try:
        raise ValueError("inner")
    except ValueError:
        print("handling")
        raise
try:
    reraise()
except ValueError as e:
    print("re", e)
class Ctx:
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, t, v, tb):
        print("exit", t.__name__ if t else None, v)
        return True
with Ctx() as c:
    print("body")
    raise OSError("suppressed")
print("after with")
try:
    with Ctx():
        pass
finally:
    print("outer finally")
e = None
try:
    raise StopIteration(5)
except StopIteration as e2:
    print(e2.value)
print(issubclass(ZeroDivisionError, ArithmeticError), issubclass(KeyError, LookupError), issubclass(Exception, BaseException))
