match x:
    case 1 | y:
        pass
