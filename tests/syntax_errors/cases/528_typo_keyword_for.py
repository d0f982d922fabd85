fur x in y:
    pass
