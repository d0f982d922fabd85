# resource: limits round-trip, rusage structseq, constants and CPython's error messages.
import resource as r

def attempt(f, *a):
    try:
        res = f(*a)
        print("ok" if res is None else type(res).__name__)
    except Exception as e:
        print(type(e).__name__ + ":", e)

soft, hard = r.getrlimit(r.RLIMIT_NOFILE)
print(type(soft).__name__, soft <= hard or hard == r.RLIM_INFINITY)
attempt(r.setrlimit, r.RLIMIT_NOFILE, (soft, hard))
attempt(r.setrlimit, r.RLIMIT_NOFILE, [soft, hard])
print(r.getrlimit(r.RLIMIT_NOFILE) == (soft, hard))
print(r.prlimit(0, r.RLIMIT_NOFILE) == (soft, hard))
if hard != r.RLIM_INFINITY:
    attempt(r.setrlimit, r.RLIMIT_NOFILE, (hard + 1, hard))
attempt(r.getrlimit, 99)
attempt(r.getrlimit, -1)
attempt(r.getrlimit, "x")
attempt(r.setrlimit, 0, (1,))
attempt(r.setrlimit, 0, 5)
attempt(r.setrlimit, r.RLIMIT_NOFILE, ("a", 1))
attempt(r.setrlimit, r.RLIMIT_NOFILE, (-5, 1))
attempt(r.setrlimit, r.RLIMIT_NOFILE, (2**64, 1))
attempt(r.getrusage, 5)
attempt(r.prlimit, 0, 99)
attempt(r.getrlimit)
attempt(r.getpagesize, 1)
ru = r.getrusage(r.RUSAGE_SELF)
print(type(ru).__name__, len(ru), type(ru.ru_utime).__name__, type(ru.ru_maxrss).__name__)
print(r.struct_rusage.n_fields, r.struct_rusage(tuple(range(16))))
print(r.getpagesize() % 4096, r.error is OSError)
print(sorted(n for n in dir(r) if n.isupper()))
print(r.RLIMIT_CPU, r.RLIMIT_NOFILE, r.RLIM_INFINITY, r.RUSAGE_SELF, r.RUSAGE_CHILDREN)
