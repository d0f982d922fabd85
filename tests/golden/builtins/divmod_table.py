# Floor division and modulo sign rules over a grid of int and float operands.
ops = [7, -7, 3, -3, 1, 0, 10 ** 20, -(10 ** 20)]
divs = [3, -3, 7, -7, 1, -1, 2 ** 64 + 1]
for a in ops:
    print(a, [(a // b, a % b) for b in divs])
fops = [7.5, -7.5, 0.1, -0.0, 1e300]
fdivs = [2.0, -2.0, 0.3, 1e-300]
for a in fops:
    print(a, [divmod(a, b) for b in fdivs])
