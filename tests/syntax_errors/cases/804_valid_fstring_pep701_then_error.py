f"{'\n'.join(x)} {f'{f"{y}"}'} {z # c
}"
f() = 1
