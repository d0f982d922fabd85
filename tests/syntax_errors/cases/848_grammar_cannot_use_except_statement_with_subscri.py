try:
    pass
except* Exception as a[b]:
    pass
