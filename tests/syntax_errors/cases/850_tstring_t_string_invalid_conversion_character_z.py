t'{num!z}'
