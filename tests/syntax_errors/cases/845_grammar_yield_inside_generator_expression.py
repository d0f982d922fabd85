def g(): ((yield x) for x in ())
