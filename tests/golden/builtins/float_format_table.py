# format() of floats over a grid of values and specs: e/f/g/%/n-free, precision 0..6, alternate forms.
vals = [0.0, -0.0, 0.5, 1.0, 1.5, 2.5, 123.456, -0.000123456, 1e10, 1.23456789e-7, 9.9999, 99999.5, 1e16, 3.14159265358979]
specs = [".0f", ".1f", ".3f", ".0e", ".2e", ".0g", ".1g", ".3g", ".6g", "g", "#.3g", "#.0f", ".2%", "+.1f", " .1e", "12.4g", "<10.2f", "^+12.3e"]
for v in vals:
    print(repr(v).ljust(22), "|".join(format(v, s) for s in specs))
print("%.3g|%10.4f|%-10.2e|%+g|%G" % (1234567.0, 3.14159, 0.000123, 1e-5, 1e-20))
