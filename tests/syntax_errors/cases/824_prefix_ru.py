x = ru''
