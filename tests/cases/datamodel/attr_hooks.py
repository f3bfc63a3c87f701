# __getattr__, __getattribute__, __setattr__, __delattr__
class Lazy:
    def __init__(self):
        self.real = 1
    def __getattr__(self, name):
        if name.startswith("z"):
            raise AttributeError(name)
        return name.upper()
l = Lazy()
print(l.real, l.abc, hasattr(l, "zz"))
class Logged:
    def __getattribute__(self, name):
        if name == "secret":
            return "intercepted"
        return object.__getattribute__(self, name)
    def __setattr__(self, name, value):
        print("set", name, value)
        object.__setattr__(self, name, value * 10)
    def __delattr__(self, name):
        print("del", name)
        object.__delattr__(self, name)
g = Logged()
g.a = 2
print(g.a, g.secret)
del g.a
try:
    g.a
except AttributeError as e:
    print("AttributeError:", e)
class Fallback:
    def __getattribute__(self, name):
        raise AttributeError("nope")
    def __getattr__(self, name):
        return "fallback " + name
print(Fallback().q)
try:
    object().x = 1
except AttributeError as e:
    print("AttributeError:", e)
