# printf-style %-formatting of str: conversions, flags, width/precision, mapping keys, errors.
print("%s %r %a" % ("é", "é", "é"))
print("%d %i %u %5d|%-5d|%05d|%+d|% d" % (42, 42, 42, 42, 42, 42, 42, 42))
print("%x %X %#x %#X %o %#o %e %E %f %F %g %G" % (255, 255, 255, 255, 8, 8, 12345.678, 12345.678, 1.5, 1.5, 0.00001, 1e20))
print("%.2f %10.3f|%-10.1f|%.0f %.3e %c %c %%" % (3.14159, 2.5, 2.5, 2.5, 1234.5, 65, "z"))
print("%(name)s is %(age)d" % {"name": "Ann", "age": 30})
print("%*d|%-*d|%.*f" % (5, 1, 5, 2, 2, 3.14159))
print("%s" % (1,), "%s" % [1, 2], "%s" % ((1, 2),), "%d%%" % 50)
print("%.3s|%5.2s|" % ("abcdef", "xyz"), "%r" % (None,), "%i" % 3.9, "%x" % -255)
for fmt, args in [("%d", "x"), ("%s %s", (1,)), ("%s", (1, 2)), ("%z", 1), ("%(k)s", 5), ("%c", 1.5), ("%c", "ab"), ("%d", None), ("%", ())]:
    try:
        print(fmt % args)
    except (TypeError, ValueError, KeyError) as e:
        print(type(e).__name__, e)
print("%s" % {"a": 1}, "%(a)s" % {"a": 1})
print("%5s|%-5s|" % ("ab", "ab"), "%.1f" % 0.05, "%.1f" % 0.15, "%.1f" % 0.25)
print("%#.3g %g %g %g" % (1.0, 1e-4, 1e-5, 123456789))
