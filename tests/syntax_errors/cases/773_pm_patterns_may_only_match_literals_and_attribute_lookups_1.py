match ...:
    case f"{x}":
        pass
