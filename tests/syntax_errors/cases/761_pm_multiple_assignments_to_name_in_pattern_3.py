match ...:
    case MyClass(x=x, y=x):
        pass
