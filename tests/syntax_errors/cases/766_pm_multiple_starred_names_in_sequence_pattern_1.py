match ...:
    case a, *b, c, *d, e:
        pass
