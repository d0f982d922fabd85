x is not 'a'
