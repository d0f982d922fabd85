# warnings.warn output on stderr: categories, stacklevel, once-per-location default filter, filters.
import warnings
def deprecated_api():
    warnings.warn("deprecated_api is deprecated", DeprecationWarning, stacklevel=2)
    return 1
print("start")
warnings.warn("a user warning")
for _ in range(3):
    warnings.warn("shown once per location")
deprecated_api()
warnings.warn("runtime problem", RuntimeWarning)
warnings.simplefilter("ignore", UserWarning)
warnings.warn("ignored now")
warnings.simplefilter("error", RuntimeWarning)
try:
    warnings.warn("as error", RuntimeWarning)
except RuntimeWarning as e:
    print("raised:", e)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    warnings.warn("recorded", FutureWarning)
print([(w.category.__name__, str(w.message), w.lineno) for w in caught])
class MyWarning(UserWarning):
    pass
warnings.simplefilter("default", MyWarning)
warnings.warn("custom category", MyWarning)
print("end")
