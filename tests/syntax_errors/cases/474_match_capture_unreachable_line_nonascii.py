match ü:
    case élève:
        pass
    case 2:
        pass
