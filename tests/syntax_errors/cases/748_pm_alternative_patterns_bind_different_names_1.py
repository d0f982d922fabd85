match ...:
    case [a, [b] | [c] | [d]]:
        pass
