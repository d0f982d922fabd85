# csv reading and writing with quoting, dialects, DictReader/DictWriter on in-memory files.
import csv, io
buf = io.StringIO()
w = csv.writer(buf)
w.writerow(["name", "quote", "num"])
w.writerow(["Ann", 'said "hi", then left', 3])
w.writerow(["multi\nline", "", None])
print(repr(buf.getvalue()))
buf.seek(0)
print(list(csv.reader(buf)))
rows = list(csv.DictReader(io.StringIO("a,b\n1,2\n3,4\n")))
print(rows)
out = io.StringIO()
dw = csv.DictWriter(out, fieldnames=["x", "y"], quoting=csv.QUOTE_NONNUMERIC)
dw.writeheader()
dw.writerow({"x": 1, "y": "two"})
print(repr(out.getvalue()))
print(list(csv.reader(["a;b;'c;d'"], delimiter=";", quotechar="'")), list(csv.reader(["  x,  y"], skipinitialspace=True)))
try:
    list(csv.reader(['"unterminated'], strict=True))
except csv.Error as e:
    print("csv.Error:", e)
