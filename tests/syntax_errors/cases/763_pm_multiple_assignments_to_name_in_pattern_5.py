match ...:
    case a as a:
        pass
