x = rbb''
