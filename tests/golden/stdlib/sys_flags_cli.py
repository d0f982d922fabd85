# The command line's view from a plain `python file.py` run: sys.flags, warnoptions,
# _xoptions, argv and path[0], __debug__, and the builtins that site adds.
import os
import sys

print(sys.flags)
print(sys.warnoptions, sys._xoptions)
print(sys.argv, sys.path[0] == os.path.dirname(os.path.abspath(__file__)))
print(__debug__, sys.flags.optimize, sys.get_int_max_str_digits())
print(callable(exit), callable(quit), repr(quit))
print(type(sys.flags).__name__, len(sys.flags), sys.flags.safe_path, sys.flags.dev_mode)
