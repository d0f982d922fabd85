match ...:
    case a, a:
        pass
