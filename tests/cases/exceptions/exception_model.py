import sys
class MyErr(Exception):
    def __init__(self, code):
        super().__init__(f"code {code}")
        self.code = code
    def __str__(self):
        return f"MyErr[{self.code}]"
try:
    raise MyErr(3)
except Exception as e:
    print(e, repr(e), e.args, e.code, isinstance(e, MyErr))
e = ValueError("a", 1)
print(e.args, str(e), repr(e))
print(repr(KeyError("k")), str(KeyError("k")), str(KeyError()))
e2 = e.with_traceback(None)
print(e2 is e, e.__traceback__)
try:
    raise TypeError
except TypeError as t:
    print(repr(t), t.args)
def gen():
    try:
        yield 1
    finally:
        print("gen closed")
g = gen(); next(g); g.close()
try:
    raise StopIteration(5)
except StopIteration as s:
    print(s.value)
try:
    try:
        raise ValueError("inner")
    finally:
        print("finally ran")
except ValueError as v:
    print("outer caught", v)
try:
    try:
        raise KeyError("a")
    except KeyError:
        raise IndexError("b")
except IndexError as ie:
    print(repr(ie.__context__), ie.__suppress_context__)
try:
    raise ValueError("x") from None
except ValueError as v:
    print(v.__cause__, v.__suppress_context__)
print(sys.exc_info() == (None, None, None))
try:
    raise SystemExit(3)
except SystemExit as se:
    print("code", se.code)
e = Exception()
e.args = (1, 2)
print(e)
print(BaseException.__subclasses__()[:3] if False else issubclass(KeyError, LookupError))
class E2(Exception): pass
print(E2.__mro__)
print(ExceptionGroup.__mro__)
try:
    raise 5
except TypeError as t:
    print(t)
try:
    raise ValueError from 5
except TypeError as t:
    print(t)
ee = OSError(2, "No such file", "x.txt")
print(ee, ee.errno, ee.strerror, ee.filename, type(ee).__name__)
print(repr(NameError("n")), AttributeError("x", name="n", obj=1).name)
