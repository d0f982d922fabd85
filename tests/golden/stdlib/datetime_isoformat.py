# ISO 8601 both ways: isoformat with every timespec and separator, fromisoformat's full
# grammar (basic/extended, week dates, fractions, offsets, 24:00), isocalendar round trips.
from datetime import date, datetime, time, timedelta, timezone

dt = datetime(2024, 3, 10, 14, 5, 9, 123456, tzinfo=timezone(timedelta(hours=-3, seconds=-30)))
for spec in ("auto", "hours", "minutes", "seconds", "milliseconds", "microseconds"):
    print(spec, dt.isoformat(timespec=spec), dt.isoformat(" ", spec), dt.timetz().isoformat(spec))
print(datetime(1, 2, 3).isoformat(), date(5, 6, 7).isoformat(), time().isoformat(), datetime(2020, 1, 1).isoformat("x"))
for s in [
    "2024-03-10", "20240310", "2024-W10", "2024W10", "2024-W10-7", "2024W107",
    "2024-03-10T14", "2024-03-10T14:05", "2024-03-10T1405", "2024-03-10 14:05:09.5",
    "2024-03-10T14:05:09,123456789", "2024-03-10T14:05:09.1234+01:00", "2024-03-10T14:05Z",
    "20240310T140509-0530", "2024-03-10T14:05:09+01:30:15.5", "2024-03-10T24:00",
    "2024-12-31T24:00:00", "2024-W01-1T10:00", "2024-03-10T14:05:09.",
    "2024-3-10", "2024-03-10T25:00", "2024-03-10T24:00:01", "2024-03-10T10:5", "2024-13-01",
    "2024-W54", "2024-02-30", "", "2024-03-10T14:05:09+", "2024-03-10\ud80014:00",
]:
    try:
        print(repr(s), repr(datetime.fromisoformat(s)))
    except ValueError as e:
        print(repr(s), "ValueError:", e)
for s in ["10", "1011", "10:11", "T10:11:12", "10:11:12.000001", "10:11:12+05", "24:00", "10.5", "1:2"]:
    try:
        print(repr(s), repr(time.fromisoformat(s)))
    except ValueError as e:
        print(repr(s), "ValueError:", e)
for s in ["2024-03-10", "2024W107", "2024-03-10T00:00", "20240310"]:
    try:
        print(repr(s), repr(date.fromisoformat(s)))
    except ValueError as e:
        print(repr(s), "ValueError:", e)
for d in [date(2021, 1, 1), date(2020, 12, 31), date(2024, 12, 30), date(2026, 1, 4), date(1, 1, 1), date(9999, 12, 31)]:
    ic = d.isocalendar()
    print(d, ic, ic.year, ic.week, ic.weekday, tuple(ic), date.fromisocalendar(*ic) == d, ic.__reduce__())
for args in [(2020, 53, 1), (2021, 53, 1), (2021, 0, 1), (2021, 1, 8), (0, 1, 1), (2 ** 40, 1, 1)]:
    try:
        print(args, date.fromisocalendar(*args))
    except ValueError as e:
        print(args, "ValueError:", e)
for bad in [5, b"2024-01-01"]:
    try:
        datetime.fromisoformat(bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    datetime(2020, 1, 1).isoformat("ab")
except TypeError as e:
    print("TypeError:", e)
try:
    time().isoformat(timespec="nanoseconds")
except ValueError as e:
    print("ValueError:", e)
