match ...:
    case (*x):
        pass
