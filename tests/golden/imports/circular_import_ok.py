# Circular "import x" works when the attributes are only used at call time.
import pkgs.circ2.a
print(pkgs.circ2.a.from_a())
import pkgs.circ2.b
print(pkgs.circ2.b.from_b_plain())
