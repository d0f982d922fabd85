match x:
    case a.b():
        pass
    case a.c(1)():
        pass
