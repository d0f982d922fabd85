# Thread construction details: default names with target, kwargs, join timeout on a finished thread, repr-free.
import threading
out = {}
def job(a, b=0, *, c=1):
    out[threading.current_thread().name] = (a, b, c)
t1 = threading.Thread(target=job, args=(1,), kwargs={"b": 2, "c": 3})
t2 = threading.Thread(target=job, args=(5,), name="custom")
for t in (t1, t2): t.start()
for t in (t1, t2): t.join(timeout=10)
print(sorted(out.values()), t2.name, t1.name.startswith("Thread-"), t1.name.endswith("(job)"))
t1.name = "renamed"
print(t1.name, t1.daemon, threading.current_thread().daemon)
def checker():
    out["inside"] = threading.current_thread() is t3
t3 = threading.Thread(target=checker)
t3.start(); t3.join()
print(out["inside"])
