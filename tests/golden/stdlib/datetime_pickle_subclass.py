# Pickling (CPython-compatible states, fold under protocol 4+) and subclasses: which
# operations keep the subclass, extra attributes, custom constructors, reprs.
import copy
import pickle
from datetime import date, datetime, time, timedelta, timezone, UTC

objs = [
    date(2024, 2, 29), datetime(2024, 2, 29, 23, 59, 59, 999999),
    datetime(2024, 11, 3, 1, 30, fold=1, tzinfo=timezone(timedelta(hours=-4), "EDT")),
    time(1, 2, 3, 4), time(23, 0, fold=1, tzinfo=UTC), timedelta(-1, 5, 7),
    UTC, timezone(timedelta(minutes=-90)), timezone.min,
]
for o in objs:
    print(repr(o), o.__reduce__())
    for proto in (3, 4, 5):
        r = pickle.loads(pickle.dumps(o, proto))
        print(" ", proto, r == o, type(r) is type(o), getattr(r, "fold", None))
print(datetime(2020, 1, 1, fold=1).__reduce_ex__(2), datetime(2020, 1, 1, fold=1).__reduce_ex__(4))
print(time(5, fold=1).__reduce_ex__(3), time(5, fold=1).__reduce_ex__(4))
print(date(b"\x07\xe8\x02\x1d"), datetime(b"\x07\xe8\x82\x1d\x01\x02\x03\x00\x00\x04", UTC).fold, time(b"\x81\x02\x03\x00\x00\x04"))
print(copy.copy(datetime(2020, 1, 1)), copy.deepcopy(time(1, tzinfo=UTC)))


class Day(date):
    pass


class Stamp(datetime):
    def __new__(cls, *args, note="-", **kw):
        self = super().__new__(cls, *args, **kw)
        self.note = note
        return self

    def describe(self):
        return f"{self:%Y-%m-%d %H:%M} ({self.note})"


class Clock(time):
    pass


d = Day(2024, 1, 31)
print(repr(d), type(d + timedelta(1)).__name__, type(d - timedelta(1)).__name__, type(d.replace(month=2, day=1)).__name__)
print(type(Day.fromordinal(738000)).__name__, type(Day.fromisoformat("2024-01-01")).__name__, type(Day.fromisocalendar(2024, 1, 1)).__name__)
print(d - date(2024, 1, 1), d == date(2024, 1, 31), hash(d) == hash(date(2024, 1, 31)), d.isoformat(), str(d))
s = Stamp(2024, 5, 6, 7, 8, note="hi")
print(repr(s), s.describe(), type(s + timedelta(hours=1)).__name__, (s + timedelta(hours=1)).note)
print(type(s.replace(hour=1)).__name__, type(s.astimezone(UTC)).__name__, type(Stamp.combine(d, time(5))).__name__)
print(type(Stamp.fromisoformat("2024-01-01T00:00")).__name__, type(Stamp.strptime("2024", "%Y")).__name__, type(s.date()).__name__, type(s.time()).__name__)
c = Clock(10, 30)
print(repr(c), type(c.replace(hour=11)).__name__, c.isoformat(), repr(Clock.fromisoformat("01:02")))
print(pickle.loads(pickle.dumps(d, 4)), type(pickle.loads(pickle.dumps(d, 4))).__name__, repr(pickle.loads(pickle.dumps(c, 4))))
print(isinstance(s, date), issubclass(Stamp, datetime), s > datetime(2024, 1, 1), date(2024, 1, 1) == datetime(2024, 1, 1))
try:
    date(2024, 1, 1) < datetime(2024, 1, 1)
except TypeError as e:
    print("TypeError:", e)
