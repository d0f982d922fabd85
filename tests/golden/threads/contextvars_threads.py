# contextvars across threads: copy_context().run propagates values explicitly; set/reset tokens.
# (What a plain new thread sees differs between GIL and free-threaded builds, so it is not printed.)
import contextvars, threading
var = contextvars.ContextVar("var", default="default")
var.set("main value")
seen = {}
def read(key):
    seen[key] = var.get()
t = threading.Thread(target=read, args=("plain thread",))
t.start(); t.join()
ctx = contextvars.copy_context()
t = threading.Thread(target=ctx.run, args=(read, "copied context"))
t.start(); t.join()
print(seen["copied context"])
token = var.set("changed")
print(var.get())
var.reset(token)
print(var.get())
def in_ctx():
    var.set("inside run")
    return var.get()
print(contextvars.copy_context().run(in_ctx), var.get())
