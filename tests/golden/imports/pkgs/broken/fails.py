print("broken.fails starts")
partial = "set before error"
raise ValueError("module-level failure")
