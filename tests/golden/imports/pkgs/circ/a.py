from pkgs.circ import b
thing = "thing from a"
