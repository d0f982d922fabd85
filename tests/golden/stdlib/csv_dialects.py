# csv: dialects and the registry, quoting modes, escapechar, field limits, reader errors.
import csv, io
print(csv.list_dialects() == ["excel", "excel-tab", "unix"] or sorted(csv.list_dialects()))
csv.register_dialect("pipes", delimiter="|", quoting=csv.QUOTE_ALL)
d = csv.get_dialect("pipes")
print(d.delimiter, d.quotechar, d.quoting, d.doublequote, repr(d.lineterminator), d.escapechar)
buf = io.StringIO()
w = csv.writer(buf, "pipes")
w.writerow([1, "a|b", None, 2.5])
w.writerows([["x"], [""]])
print(repr(buf.getvalue()))
print(list(csv.reader(io.StringIO(buf.getvalue()), "pipes")))
for q in [csv.QUOTE_MINIMAL, csv.QUOTE_NONNUMERIC, csv.QUOTE_STRINGS, csv.QUOTE_NOTNULL]:
    b = io.StringIO()
    csv.writer(b, quoting=q).writerow(["s", 1, None, 2.0, ""])
    print(q, repr(b.getvalue()), list(csv.reader(io.StringIO(b.getvalue()), quoting=q)))
b = io.StringIO()
csv.writer(b, quoting=csv.QUOTE_NONE, escapechar="\\").writerow(['a,b', 'q"x', "n\nl"])
print(repr(b.getvalue()), list(csv.reader([r'a\,b,q"x'], escapechar="\\")))
print(list(csv.reader(['a,"b ""c"" d",e', '"x\ny",z'])), list(csv.reader(["", "1,2"])))
r = csv.reader(['"multi', 'line",2', "3"])
print(next(r), r.line_num, next(r), r.line_num)
for bad in [lambda: csv.writer(io.StringIO(), quoting=csv.QUOTE_NONE).writerow(['a,b']),
            lambda: csv.get_dialect("nope"), lambda: csv.reader([], delimiter="ab"),
            lambda: list(csv.reader(['a"b"c'], strict=True)), lambda: list(csv.reader([b"x"])),
            lambda: csv.writer(io.StringIO()).writerow(5), lambda: list(csv.reader(['"a"b'], strict=True))]:
    try:
        bad()
    except (csv.Error, TypeError, ValueError) as e:
        print(type(e).__name__, e)
old = csv.field_size_limit(5)
try:
    list(csv.reader(["abcdefgh"]))
except csv.Error as e:
    print(e)
print(csv.field_size_limit(old), csv.field_size_limit() == old)
print(list(csv.DictReader(io.StringIO("a,b\n1\n2,3,4\n"), restval="R")))
sn = csv.Sniffer().sniff("a;b;c\n1;2;3\n")
print(sn.delimiter, csv.Sniffer().has_header("name,age\nann,3\nbob,4\n"))
csv.unregister_dialect("pipes")
print("pipes" in csv.list_dialects())
