match ...:
    case 0+0:
        pass
