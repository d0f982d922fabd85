x = r'\d'
y = '\d'
