match ...:
    case {**_}:
        pass
