x = 1.5is y
