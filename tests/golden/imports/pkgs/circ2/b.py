import pkgs.circ2.a
def from_b_plain():
    return "b (which can see a: " + pkgs.circ2.a.plain_a() + ")"
