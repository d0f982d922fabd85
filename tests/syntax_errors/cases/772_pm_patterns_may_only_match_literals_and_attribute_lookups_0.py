match ...:
    case f"":
        pass
