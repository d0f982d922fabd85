def привет()
    pass
