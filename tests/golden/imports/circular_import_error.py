# A circular "from x import name" on a partially initialized module fails with a specific message.
import sys
try:
    import pkgs.circ.a
except ImportError as e:
    print(type(e).__name__, "|", str(e).replace(str(e).split("(")[-1], "...)") if "(" in str(e) else e)
    print("name:", e.name)
print(sorted(m for m in sys.modules if m.startswith("pkgs.circ")))
