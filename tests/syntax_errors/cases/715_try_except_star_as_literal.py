try:
    pass
except* E as 1:
    pass
