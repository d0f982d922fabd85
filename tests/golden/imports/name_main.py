# __name__ is "__main__" for the script; imported modules get their dotted name; guards.
import sys
print(__name__, __spec__, __package__ if __package__ else repr(__package__))
from pkgs import main_guard
print(main_guard.run(), main_guard.__name__)
print(sys.modules["__main__"] is sys.modules[__name__])
def check():
    return __name__
print(check(), check.__module__)
print(sys.argv[0].replace("\\", "/"))
if __name__ == "__main__":
    print("main guard runs in the script")
