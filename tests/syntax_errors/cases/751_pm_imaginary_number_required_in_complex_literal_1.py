match ...:
    case {0+0: _}:
        pass
