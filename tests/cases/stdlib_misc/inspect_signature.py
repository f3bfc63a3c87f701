import inspect
def f(a, b=2, /, c=3, *args, d, e=5, **kw) -> int: pass
print(inspect.signature(f))
class C:
    def m(self, x, y=1): pass
    @classmethod
    def cm(cls, z): pass
print(inspect.signature(C.m), inspect.signature(C().m), inspect.signature(C.cm), inspect.signature(C))
print(inspect.isfunction(f), inspect.isclass(C), inspect.ismethod(C().m), inspect.isgeneratorfunction(f))
sig = inspect.signature(f)
b = sig.bind(1, d=4)
b.apply_defaults()
print(b.arguments)
print([(p.name, p.kind.name) for p in sig.parameters.values()])
print(inspect.getfullargspec(f))
print(inspect.cleandoc("""  hello
    world"""))
print([n for n, _ in inspect.getmembers(C, inspect.isfunction)])
