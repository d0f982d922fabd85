match ...:
    case 0 + 0j + 0:
        pass
