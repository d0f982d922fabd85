x = t'\d{x}'
