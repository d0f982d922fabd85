match ...:
    case {0j+0j: _}:
        pass
