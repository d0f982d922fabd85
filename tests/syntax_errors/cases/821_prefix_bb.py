x = bb''
