async if x:
    pass
