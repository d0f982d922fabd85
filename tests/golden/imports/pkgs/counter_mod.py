print("counter_mod executed")
count = 0
