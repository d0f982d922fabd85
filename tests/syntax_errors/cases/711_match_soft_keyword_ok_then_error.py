match = 1
case = 2
match x:
    case 1:
        pass
    case:
        pass
