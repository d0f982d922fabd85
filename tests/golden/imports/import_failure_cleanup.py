# A module that raises during import is removed from sys.modules; the next import re-executes it.
import sys
for attempt in range(2):
    try:
        import pkgs.broken.fails
    except ValueError as e:
        print("attempt", attempt, "failed:", e)
print("pkgs.broken.fails" in sys.modules, "pkgs.broken" in sys.modules)
