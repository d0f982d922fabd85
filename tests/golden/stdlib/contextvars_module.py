# contextvars: ContextVar get/set/reset, Token, Context mapping and run, error messages.
import contextvars
import traceback

v = contextvars.ContextVar('v', default=0)
w = contextvars.ContextVar('w')
print(v.name, v.get(), w.get('dflt'))
try:
    w.get()
except LookupError as e:
    print('LookupError', type(e.args[0]).__name__, e.args[0].name)
t = v.set(1)
print(v.get(), t.var is v, t.old_value is contextvars.Token.MISSING, repr(t.old_value))
t2 = v.set(2)
print(v.get(), t2.old_value)
v.reset(t2)
print(v.get())
for bad in [lambda: v.reset(t2), lambda: w.reset(t), lambda: v.reset('x')]:
    try:
        bad()
    except (RuntimeError, ValueError, TypeError) as e:
        print(type(e).__name__, str(e).split(' at ')[0].split(' var=')[0])
v.reset(t)
print(v.get())
with v.set(5) as tok:
    print('inside', v.get(), tok.var.name)
print('after', v.get())

ctx = contextvars.copy_context()
print(type(ctx).__name__, len(ctx), v in ctx, list(ctx) == list(ctx.keys()))
def f(a, b=0):
    v.set(a + b)
    return v.get(), len(contextvars.copy_context())
print(ctx.run(f, 10, b=5), v.get(), ctx[v], ctx.get(v), ctx.get(w, 'none'))
print(sorted(var.name for var in ctx), [x for x in ctx.values()])
c2 = ctx.copy()
print(c2 == ctx, c2 is ctx, dict(c2.items())[v])
def reenter():
    ctx.run(lambda: None)
try:
    ctx.run(reenter)
except RuntimeError as e:
    print('RuntimeError', str(e).split(':')[0])
for bad in [lambda: ctx['x'], lambda: contextvars.Context(1), lambda: contextvars.ContextVar(1),
            lambda: contextvars.Token(), lambda: hash(ctx)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
try:
    class Sub(contextvars.ContextVar):
        pass
except TypeError as e:
    print(e)
print(contextvars.ContextVar[int], contextvars.Token[str])
print(repr(v).startswith("<ContextVar name='v' default=0 at 0x"))

def boom():
    raise ValueError('in context')
try:
    contextvars.Context().run(boom)
except ValueError:
    tb = traceback.extract_tb(__import__('sys').exc_info()[2])
    print([fr.name for fr in tb])
