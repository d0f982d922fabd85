x = b'\u12'
y = ]
