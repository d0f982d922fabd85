# datetime with fixed values: arithmetic, formatting, parsing, timezones, timedelta normalization.
from datetime import date, time, datetime, timedelta, timezone
d = date(2024, 2, 28)
print(d, d + timedelta(days=1), d + timedelta(days=2), d.weekday(), d.isoweekday(), d.isocalendar(), d.toordinal())
print(d.replace(year=2023) + timedelta(days=1), date(2024, 12, 31) - date(2024, 1, 1), date.fromisoformat("2021-07-04"))
dt = datetime(2024, 3, 10, 14, 5, 9, 123456)
print(dt, dt.isoformat(), dt.date(), dt.time(), dt.strftime("%Y/%m/%d %H:%M:%S %j %a %b %p %%"))
print(datetime.strptime("2020-01-02 03:04", "%Y-%m-%d %H:%M"), datetime.fromisoformat("2011-11-04T00:05:23+04:00"))
td = timedelta(days=1, hours=25, minutes=-30, seconds=3661.5)
print(td, td.days, td.seconds, td.microseconds, td.total_seconds(), -td, abs(-td), td * 2, td / 3, td // timedelta(hours=1))
print(timedelta(0), timedelta(microseconds=-1), repr(timedelta(days=-1, seconds=5)), timedelta(weeks=1) > timedelta(days=6))
utc = timezone.utc
east = timezone(timedelta(hours=5, minutes=30), "IST")
a = datetime(2024, 1, 1, 12, 0, tzinfo=utc)
print(a, a.astimezone(east), a.astimezone(east).tzname(), a.utcoffset(), east.utcoffset(None), repr(timezone(timedelta(hours=-3))))
print(a == datetime(2024, 1, 1, 17, 30, tzinfo=east), a.timestamp(), datetime.fromtimestamp(0, utc))
print(time(23, 59, 59, 999999), time(1, 2).isoformat(), time.fromisoformat("12:30:45.5"), repr(time(1)))
try:
    datetime(2024, 1, 1) < a
except TypeError as e:
    print(e)
try:
    date(2023, 2, 29)
except ValueError as e:
    print(e)
print(date.min, date.max, datetime(2000, 1, 1) - datetime(1999, 12, 31, 23), repr(dt), format(dt, "%H:%M"), f"{d:%d.%m.%Y}")
