# Integer/string conversion length limit (default 4300 digits) and sys.set_int_max_str_digits.
import sys
print(sys.int_info.default_max_str_digits, sys.get_int_max_str_digits(), sys.int_info.str_digits_check_threshold)
big = 10 ** 5000
try:
    str(big)
except ValueError as e:
    print(e)
try:
    int("1" * 5000)
except ValueError as e:
    print(e)
print(len(hex(big)) > 4300, int("1" * 4300) % 7)
print(len(str(10 ** 4299)))
sys.set_int_max_str_digits(6000)
print(len(str(big)))
sys.set_int_max_str_digits(0)
print(len(str(10 ** 10000)))
try:
    sys.set_int_max_str_digits(100)
except ValueError as e:
    print(e)
sys.set_int_max_str_digits(4300)
try:
    f"{big}"
except ValueError as e:
    print("fstring:", e)
try:
    repr(big)
except ValueError as e:
    print("repr:", e)
