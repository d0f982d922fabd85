from pkgs.circ.a import thing
