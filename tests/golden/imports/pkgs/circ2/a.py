import pkgs.circ2.b
def from_a():
    return "a calls " + pkgs.circ2.b.from_b_plain()
def plain_a():
    return "plain a"
