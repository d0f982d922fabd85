f'\N{x'
