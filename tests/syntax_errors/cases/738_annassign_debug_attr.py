x.__debug__: int = 1
