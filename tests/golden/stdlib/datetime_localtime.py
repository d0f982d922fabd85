# Local time through the C library (TZ set to US Eastern): timestamps both ways, PEP 495 fold
# detection in fromtimestamp, gaps and folds in timestamp(), astimezone() with no argument.
import os
import time
import warnings
from datetime import date, datetime, timedelta, timezone, UTC

os.environ["TZ"] = "America/New_York"
time.tzset()

for ts in (1699000000, 1699075800, 1699079400, 1710054000, 1710055800.25, 0, -1.5, 86399.9999996):
    d = datetime.fromtimestamp(ts)
    print(ts, repr(d), d.timestamp(), repr(datetime.fromtimestamp(ts, UTC)), date.fromtimestamp(ts))
for fold in (0, 1):
    amb = datetime(2023, 11, 5, 1, 30, fold=fold)
    gap = datetime(2024, 3, 10, 2, 30, fold=fold)
    print(fold, amb.timestamp(), gap.timestamp(), repr(amb.astimezone()), repr(gap.astimezone()))
    print(amb.astimezone(UTC), gap.astimezone(timezone(timedelta(hours=1))))
aware = datetime(2024, 7, 4, 16, tzinfo=UTC)
print(repr(aware.astimezone()), aware.astimezone().tzname(), repr(datetime(2024, 1, 15, 12).astimezone()))
print(datetime(2024, 7, 4, 12).timetuple(), datetime(2024, 7, 4, 12).utctimetuple())
print(date(2024, 7, 4).timetuple(), datetime(2024, 7, 4, 12).ctime(), date(2024, 7, 4).ctime())
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    print(repr(datetime.utcfromtimestamp(1700000000.5)))
    datetime.utcnow()
    for m in w:
        print(m.category.__name__, str(m.message)[:60])
print(type(datetime.now()).__name__, datetime.now(UTC).tzinfo, type(date.today()).__name__)
