g = lambda: pass
