int(**{'base': 10}, '2')
