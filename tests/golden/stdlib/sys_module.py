# sys basics that are fixed for a 64-bit Linux CPython 3.14 build: versions, limits, float/int info.
import sys
print(sys.version_info[:2], sys.version_info.major, sys.hexversion >> 16 == 0x030E, sys.maxsize == 2 ** 63 - 1, sys.byteorder, sys.platform)
print(sys.float_info.max, sys.float_info.epsilon, sys.float_info.dig, sys.float_info.mant_dig, sys.float_info.radix)
print(sys.int_info.bits_per_digit in (15, 30), sys.maxunicode, sys.hash_info.modulus == 2 ** 61 - 1, sys.hash_info.inf, sys.hash_info.nan)
print(type(sys.argv).__name__, sys.argv[1:], sys.stdout.encoding, sys.stdin.closed, type(sys.path).__name__, type(sys.modules).__name__)
print(sys.getdefaultencoding(), sys.getfilesystemencoding(), sys.float_repr_style, callable(sys.exit), sys.flags.optimize)
print(sys.intern("abc") is sys.intern("a" + "bc"), isinstance(sys.getrefcount([]), int) if hasattr(sys, "getrefcount") else True)
f = sys._getframe()
print(f.f_code.co_name, f.f_lineno, f.f_globals is globals(), f.f_back)
def inner():
    return sys._getframe(1).f_code.co_name, sys._getframe().f_back.f_lineno
print(inner())
