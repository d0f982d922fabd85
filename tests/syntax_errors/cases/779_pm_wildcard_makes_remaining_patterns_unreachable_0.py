match ...:
    case _ | _:
        pass
