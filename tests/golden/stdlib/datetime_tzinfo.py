# tzinfo and timezone: fixed offsets, names, reprs, a DST-aware tzinfo subclass with PEP 495
# fold, conversions through fromutc/astimezone, comparisons and hashing across zones.
from datetime import datetime, time, timedelta, timezone, tzinfo, UTC

print(UTC is timezone.utc, repr(UTC), str(UTC), timezone.min, timezone.max, repr(timezone.max))
cet = timezone(timedelta(hours=1), "CET")
odd = timezone(-timedelta(hours=5, minutes=30, seconds=15, microseconds=7))
print(repr(cet), str(cet), repr(odd), str(odd), odd.tzname(None), odd.utcoffset(None), odd.dst(None))
print(timezone(timedelta(0)) is UTC, repr(timezone(timedelta(0), "UTC")), cet == timezone(timedelta(hours=1)), hash(cet) == hash(timedelta(hours=1)))
print(cet.__getinitargs__(), odd.__getinitargs__(), cet.__reduce__())


class Eastern(tzinfo):
    """US Eastern with the 2007 rules (DST from second Sunday of March to first of November)."""

    def _dst_bounds(self, year):
        start = datetime(year, 3, 8, 2)
        start += timedelta(days=(6 - start.weekday()) % 7)
        end = datetime(year, 11, 1, 2)
        end += timedelta(days=(6 - end.weekday()) % 7)
        return start, end

    def utcoffset(self, dt):
        return timedelta(hours=-5) + self.dst(dt)

    def dst(self, dt):
        if dt is None:
            return timedelta(0)
        start, end = self._dst_bounds(dt.year)
        naive = dt.replace(tzinfo=None)
        if start + timedelta(hours=1) <= naive < end - timedelta(hours=1):
            return timedelta(hours=1)
        if end - timedelta(hours=1) <= naive < end:
            return timedelta(0) if dt.fold else timedelta(hours=1)
        if start <= naive < start + timedelta(hours=1):
            return timedelta(hours=1) if dt.fold else timedelta(0)
        return timedelta(0)

    def tzname(self, dt):
        return "EDT" if self.dst(dt) else "EST"

    def fromutc(self, dt):
        start, end = self._dst_bounds(dt.year)
        std = dt + timedelta(hours=-5)
        naive = std.replace(tzinfo=None)
        if start <= naive < end - timedelta(hours=1):
            return (std + timedelta(hours=1)).replace(fold=0)
        if end - timedelta(hours=1) <= naive < end:
            return std.replace(fold=1)
        return std

    def __repr__(self):
        return "Eastern()"


est = Eastern()
for h in range(4, 8):
    u = datetime(2024, 11, 3, h, 30, tzinfo=UTC)
    loc = u.astimezone(est)
    print(u, "->", loc, loc.fold, loc.tzname(), loc.utcoffset(), loc.dst(), loc.astimezone(UTC))
a = datetime(2024, 11, 3, 1, 30, tzinfo=est)
b = a.replace(fold=1)
print(repr(b), a == b, a.utcoffset(), b.utcoffset(), a < b, b - a, a.astimezone(UTC), b.astimezone(UTC))
print(a == a.astimezone(UTC), b == b.astimezone(UTC), hash(a) == hash(a.replace(fold=1)))
summer = datetime(2024, 7, 1, 12, tzinfo=est)
print(summer.timetuple().tm_isdst, summer.utctimetuple()[:6], summer.timestamp(), summer.isoformat(), summer.strftime("%H:%M %Z %z %:z"))
print(summer.astimezone(cet), summer.astimezone(odd), summer == summer.astimezone(cet), summer - summer.astimezone(cet))
print(hash(summer) == hash(summer.astimezone(cet)), summer.astimezone(est) is summer)
print(datetime.fromtimestamp(1720000000, est), datetime.fromtimestamp(1720000000.5, cet), datetime.now(cet).tzinfo)
t = time(12, 30, tzinfo=cet)
print(t, repr(t), t.utcoffset(), t.tzname(), t.isoformat("minutes"), t == time(11, 30, tzinfo=UTC), t < time(12, tzinfo=UTC))
print(hash(t) == hash(time(11, 30, tzinfo=UTC)), time(1, fold=1) == time(1), repr(time(1, 2, 3, 4, fold=1)))
print(tzinfo.__reduce__(est), type(tzinfo()).__name__)


def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


show(lambda: timezone(timedelta(hours=24)))
show(lambda: timezone(5))
show(lambda: timezone(timedelta(0), 5))
show(lambda: UTC.utcoffset(5))
show(lambda: UTC.fromutc(datetime(2020, 1, 1)))
show(lambda: UTC.fromutc(5))
show(lambda: tzinfo().utcoffset(None))
show(lambda: tzinfo().fromutc(datetime(2020, 1, 1, tzinfo=UTC)))
show(lambda: datetime(2020, 1, 1) < datetime(2020, 1, 1, tzinfo=UTC))
show(lambda: datetime(2020, 1, 1) - datetime(2020, 1, 1, tzinfo=UTC))
show(lambda: datetime(2020, 1, 1) == datetime(2020, 1, 1, tzinfo=UTC))
show(lambda: time(1) < time(1, tzinfo=UTC))
show(lambda: datetime(2020, 1, 1, tzinfo=1))


class Bad(tzinfo):
    def utcoffset(self, dt):
        return timedelta(hours=30)

    def tzname(self, dt):
        return 5


show(lambda: datetime(2020, 1, 1, tzinfo=Bad()).utcoffset())
show(lambda: datetime(2020, 1, 1, tzinfo=Bad()).tzname())
show(lambda: datetime(1, 1, 1, tzinfo=timezone(timedelta(hours=1))).astimezone(UTC))
