import contextvars

v = contextvars.ContextVar('v', default=1)
print(v.get(), v.name)
t = v.set(5)
print(v.get(), t.old_value is contextvars.Token.MISSING, t.var is v)
ctx = contextvars.copy_context()

def f(x):
    v.set(x)
    return v.get()

print(ctx.run(f, 9), v.get(), ctx[v], v in ctx, len(ctx), list(ctx.keys()) == [v])
v.reset(t)
print(v.get())
try:
    v.reset(t)
except RuntimeError:
    print('RuntimeError: used token')
w = contextvars.ContextVar('w')
try:
    w.get()
except LookupError:
    print('LookupError')
print(w.get(3))
t2 = w.set('a')
print(w.get(), repr(t2.old_value))
w.reset(t2)
print(w.get('gone'))
c2 = contextvars.Context()
print(len(c2), c2.run(lambda: w.get('none')))
