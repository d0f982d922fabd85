f'abc } def'
