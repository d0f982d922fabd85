x = bru''
