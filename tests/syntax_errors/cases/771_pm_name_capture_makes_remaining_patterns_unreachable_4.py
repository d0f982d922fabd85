match ...:
    case x:
        pass
    case _:
        pass
