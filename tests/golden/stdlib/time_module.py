# time: clocks, struct_time, gmtime/strftime/asctime, errors.
import time
print(isinstance(time.time(), float), isinstance(time.time_ns(), int), time.monotonic() <= time.monotonic())
t0 = time.perf_counter(); time.sleep(0.01); print(time.perf_counter() - t0 >= 0.009)
print(time.process_time() >= 0, time.thread_time_ns() >= 0, time.monotonic_ns() > 0)
g = time.gmtime(1_700_000_000)
print(g)
print(g.tm_zone, g.tm_gmtoff, g[0], g[-1], len(g), tuple(g[:3]), time.struct_time.n_fields)
print(time.strftime("%Y-%m-%d %H:%M:%S %a %b %j %%", g))
print(time.asctime(g), time.asctime(time.gmtime(0)))
print(time.gmtime(-86400.5)[:6], time.gmtime(0.999)[:6])
s = time.struct_time((2024, 2, 29, 12, 30, 0, 3, 60, 0))
print(s, s.tm_zone)
print(time.strftime("%d/%m/%y", (2024, 2, 29, 0, 0, 0, 3, 60, -1)))
print(time.get_clock_info("monotonic").monotonic, time.get_clock_info("time").adjustable)
for bad in [lambda: time.sleep(-1), lambda: time.gmtime("x"), lambda: time.strftime("%Y", (1,)),
            lambda: time.asctime((2024, 13, 1, 0, 0, 0, 0, 1, 0)), lambda: time.get_clock_info("x")]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
lt = time.localtime(1_700_000_000)
print(time.mktime(lt) == 1_700_000_000, isinstance(time.timezone, int), len(time.tzname))
