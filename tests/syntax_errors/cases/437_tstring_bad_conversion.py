t'{a!x}'
