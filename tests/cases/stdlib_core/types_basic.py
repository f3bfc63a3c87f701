import sys
import types

print(types.FunctionType, types.LambdaType is types.FunctionType, types.MethodType, types.ModuleType)
print(types.GeneratorType, types.CoroutineType, types.AsyncGeneratorType, types.CodeType, types.CellType)
print(types.BuiltinFunctionType, types.NoneType, types.EllipsisType, types.NotImplementedType)
print(types.TracebackType.__name__, types.FrameType.__name__, types.MappingProxyType, types.SimpleNamespace)


def gen():
    yield 1


print(isinstance(gen, types.FunctionType), isinstance(gen(), types.GeneratorType), isinstance(len, types.BuiltinFunctionType))
print(isinstance(None, types.NoneType), isinstance(sys, types.ModuleType))

# SimpleNamespace
ns = types.SimpleNamespace(b=2, a=1)
print(ns, ns.a, ns.b, vars(ns))
ns.c = [1, 2]
del ns.b
print(ns, ns == types.SimpleNamespace(a=1, c=[1, 2]), ns != types.SimpleNamespace())
ns.self = ns
print(ns)
try:
    types.SimpleNamespace(1)
except TypeError as e:
    print("TypeError:", e)


class Sub(types.SimpleNamespace):
    pass


print(Sub(x=1), isinstance(Sub(), types.SimpleNamespace))

# MappingProxyType
d = {"one": 1, "two": 2}
mp = types.MappingProxyType(d)
print(mp, mp["one"], len(mp), "two" in mp, list(mp), sorted(mp.items()), mp.get("three", 3))
d["three"] = 3
print(len(mp), mp.copy() == d, type(mp.copy()).__name__, mp | {"four": 4})
try:
    mp["x"] = 1
except TypeError as e:
    print("TypeError:", e)
try:
    types.MappingProxyType([1])
except TypeError as e:
    print("TypeError:", e)

# ModuleType
m = types.ModuleType("mymod", "docstring")
m.value = 42
print(m.__name__, m.__doc__, m.value, repr(m))
m2 = types.ModuleType("bare")
print(m2.__doc__, sorted(k for k in vars(m2) if k.startswith("__")))


# MethodType
class Counter:
    def __init__(self):
        self.n = 0


def increment(self, by=1):
    self.n += by
    return self.n


c = Counter()
c.inc = types.MethodType(increment, c)
print(c.inc(), c.inc(5), c.inc.__self__ is c, c.inc.__func__ is increment)

# new_class / prepare_class / resolve_bases
def body(ns):
    ns["greet"] = lambda self: "hi from " + type(self).__name__
    ns["x"] = 10


Dyn = types.new_class("Dyn", (Counter,), {}, body)
print(Dyn.__name__, Dyn.x, Dyn().greet(), Dyn.__mro__[1].__name__)
meta, ns2, kw = types.prepare_class("P", (), {"metaclass": type})
print(meta, ns2, kw)


class Meta(type):
    pass


T2 = types.new_class("T2", (), {"metaclass": Meta})
print(type(T2).__name__)

# GenericAlias
ga = types.GenericAlias(list, (int,))
print(ga, ga.__origin__, ga.__args__, list[int] == ga)


# DynamicClassAttribute
class Color:
    _name = "red"

    @types.DynamicClassAttribute
    def name(self):
        return self._name


print(Color().name)


# coroutine decorator over a generator function
@types.coroutine
def legacy():
    yield "step"
    return "done"


print(list(legacy()))

# traceback and frame types
try:
    raise KeyError("k")
except KeyError as e:
    tb = e.__traceback__
    print(isinstance(tb, types.TracebackType), isinstance(tb.tb_frame, types.FrameType), tb.tb_next)
    print(tb.tb_frame.f_code.co_name, tb.tb_lineno, tb.tb_frame.f_globals is globals())
