# sys struct sequences (version_info, float_info, int_info, hash_info, flags) and sys hooks.
import sys
vi = sys.version_info
print(type(vi).__name__, type(vi).__module__, vi[:2] == (vi.major, vi.minor), vi >= (3, 14), len(vi))
print(type(vi).n_fields, type(vi).n_sequence_fields, type(vi).n_unnamed_fields, type(vi).__match_args__)
print(isinstance(vi, tuple), vi.releaselevel in ("alpha", "beta", "candidate", "final"), vi.__reduce__()[0] is type(vi))
try:
    type(vi)((1, 2, 3, "final", 0))
except TypeError as e:
    print(e)
print(repr(sys.float_info))
print(repr(sys.int_info).replace("30", "B").replace("15", "B"))
print(sys.hash_info.width, sys.hash_info.modulus, sys.hash_info.inf, sys.hash_info.nan, sys.hash_info.imag, sys.hash_info.cutoff)
print(sys.flags.optimize, sys.flags.dev_mode, sys.flags.int_max_str_digits, type(sys.flags).__name__, len(sys.flags))
match sys.float_info:
    case (mx, *_):
        print(mx == sys.float_info.max)
print(sys.__breakpointhook__ is sys.breakpointhook, sys.__displayhook__ is sys.displayhook, sys.__excepthook__ is sys.excepthook)
print(sys._getframemodulename(), sys.call_tracing(max, (3, 9, 4)))
seen = []
sys.addaudithook(lambda ev, args: seen.append((ev, args)) if ev.startswith("golden.") else None)
sys.audit("golden.event", 1, "two")
print(seen)
sys.set_int_max_str_digits(0)
print(len(str(10 ** 5000)), sys.get_int_max_str_digits())
print("sys" in sys.builtin_module_names, "json" in sys.stdlib_module_names, "_abc" in sys.stdlib_module_names)
