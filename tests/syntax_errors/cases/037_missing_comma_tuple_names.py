t = (alpha beta)
