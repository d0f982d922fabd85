match ...:
    case {0: _, False: _}:
        pass
