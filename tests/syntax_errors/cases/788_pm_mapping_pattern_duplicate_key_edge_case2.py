match ...:
    case {0: _, -0: _}:
        pass
