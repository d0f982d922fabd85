# sys.modules as the import cache: pre-seeding fake modules, deletion forces re-execution, None blocks.
import sys, types
fake = types.ModuleType("fake_module", "a fake doc")
fake.answer = 42
sys.modules["fake_module"] = fake
import fake_module
print(fake_module.answer, fake_module.__doc__, fake_module is fake)
import pkgs.counter_mod
del sys.modules["pkgs.counter_mod"]
import pkgs.counter_mod as again
print(again.count)
sys.modules["blocked_module"] = None
try:
    import blocked_module
except ImportError as e:
    print(type(e).__name__, e)
print(sys.modules["__main__"].__name__, "builtins" in sys.modules, "sys" in sys.modules)
print(type(sys.modules).__name__)
