print 'a'.upper()
