//! Proleptic Gregorian calendar arithmetic and the ISO 8601 string grammar of
//! `fromisoformat`, on plain integers (no Python objects), as `Modules/_datetimemodule.c`
//! computes them: ordinals count days from 0001-01-01 (day 1).

pub const MINYEAR: i32 = 1;
pub const MAXYEAR: i32 = 9999;
/// `date(9999, 12, 31).toordinal()`.
pub const MAXORDINAL: i32 = 3_652_059;
pub const MAX_DELTA_DAYS: i32 = 999_999_999;
/// `date(1970, 1, 1).toordinal()` in seconds.
pub const EPOCH_SECONDS: i64 = 719_163 * 86_400;

const DAYS_IN_MONTH: [i32; 13] = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAYS_BEFORE_MONTH: [i32; 13] = [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

pub fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days in `month` (1..=12) of `year`.
pub fn days_in_month(year: i32, month: i32) -> i32 {
    if month == 2 && is_leap(year) {
        29
    } else {
        DAYS_IN_MONTH[month.clamp(1, 12) as usize]
    }
}

fn days_before_month(year: i32, month: i32) -> i32 {
    let m = month.clamp(1, 12);
    DAYS_BEFORE_MONTH[m as usize] + i32::from(m > 2 && is_leap(year))
}

/// Day of the year, 1-based.
pub fn day_of_year(year: i32, month: i32, day: i32) -> i32 {
    days_before_month(year, month) + day
}

fn days_before_year(year: i32) -> i64 {
    let y = i64::from(year) - 1;
    y * 365 + y.div_euclid(4) - y.div_euclid(100) + y.div_euclid(400)
}

/// (year, month, day) → ordinal.
pub fn ymd_to_ord(year: i32, month: i32, day: i32) -> i32 {
    (days_before_year(year) + i64::from(days_before_month(year, month)) + i64::from(day)) as i32
}

/// Ordinal (>= 1) → (year, month, day).
pub fn ord_to_ymd(ordinal: i32) -> (i32, i32, i32) {
    const DI400Y: i32 = 146_097;
    const DI100Y: i32 = 36_524;
    const DI4Y: i32 = 1_461;
    let n0 = ordinal - 1;
    let n400 = n0.div_euclid(DI400Y);
    let mut n = n0.rem_euclid(DI400Y);
    let n100 = n / DI100Y;
    n %= DI100Y;
    let n4 = n / DI4Y;
    n %= DI4Y;
    let n1 = n / 365;
    n %= 365;
    let year = n400 * 400 + 1 + n100 * 100 + n4 * 4 + n1;
    if n1 == 4 || n100 == 4 {
        return (year - 1, 12, 31);
    }
    let leap = n1 == 3 && (n4 != 24 || n100 == 3);
    let mut month = (n + 50) >> 5;
    let mut preceding = DAYS_BEFORE_MONTH[month as usize] + i32::from(month > 2 && leap);
    if preceding > n {
        month -= 1;
        preceding -= days_in_month(year, month);
    }
    (year, month, n - preceding + 1)
}

/// Monday == 0 ... Sunday == 6.
pub fn weekday(year: i32, month: i32, day: i32) -> i32 {
    (ymd_to_ord(year, month, day) + 6).rem_euclid(7)
}

/// Ordinal of the Monday of ISO week 1 of `year`.
pub fn iso_week1_monday(year: i32) -> i32 {
    let first_day = ymd_to_ord(year, 1, 1);
    let first_weekday = (first_day + 6).rem_euclid(7);
    let monday = first_day - first_weekday;
    if first_weekday > 3 {
        monday + 7
    } else {
        monday
    }
}

/// `(iso_year, week, weekday)` of a date.
pub fn isocalendar(year: i32, month: i32, day: i32) -> (i32, i32, i32) {
    let mut y = year;
    let today = ymd_to_ord(year, month, day);
    let mut monday = iso_week1_monday(y);
    let mut week = (today - monday).div_euclid(7);
    let mut wd = (today - monday).rem_euclid(7);
    if week < 0 {
        y -= 1;
        monday = iso_week1_monday(y);
        week = (today - monday).div_euclid(7);
        wd = (today - monday).rem_euclid(7);
    } else if week >= 52 && today >= iso_week1_monday(y + 1) {
        y += 1;
        week = 0;
    }
    (y, week + 1, wd + 1)
}

/// Why an ISO calendar triple is invalid.
pub enum IsoErr {
    Year,
    Week,
    Day,
}

/// ISO (year, week, weekday) → (year, month, day).
pub fn iso_to_ymd(iso_year: i32, week: i32, day: i32) -> Result<(i32, i32, i32), IsoErr> {
    if !(MINYEAR..=MAXYEAR).contains(&iso_year) {
        return Err(IsoErr::Year);
    }
    if week <= 0 || week >= 53 {
        let first = weekday(iso_year, 1, 1);
        let long_year = first == 3 || (first == 2 && is_leap(iso_year));
        if !(week == 53 && long_year) {
            return Err(IsoErr::Week);
        }
    }
    if !(1..=7).contains(&day) {
        return Err(IsoErr::Day);
    }
    let ord = iso_week1_monday(iso_year) + (week - 1) * 7 + day - 1;
    Ok(ord_to_ymd(ord))
}

/// Python's divmod for a positive divisor.
pub fn divmod(x: i64, y: i64) -> (i64, i64) {
    (x.div_euclid(y), x.rem_euclid(y))
}

/// Brings `day` into its month, carrying into month/year; `None` if the year leaves
/// `MINYEAR..=MAXYEAR` ("date value out of range").
pub fn normalize_date(year: i32, month: i32, day: i64) -> Option<(i32, i32, i32)> {
    let dim = days_in_month(year, month);
    if day >= 1 && day <= i64::from(dim) {
        return (MINYEAR..=MAXYEAR)
            .contains(&year)
            .then_some((year, month, day as i32));
    }
    let ord = i64::from(ymd_to_ord(year, month, 1)) + day - 1;
    if ord < 1 || ord > i64::from(MAXORDINAL) {
        return None;
    }
    Some(ord_to_ymd(ord as i32))
}

/// Fields of a datetime after adding offsets; carries every unit upward.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fields {
    pub year: i32,
    pub month: i32,
    pub day: i32,
    pub hour: i32,
    pub minute: i32,
    pub second: i32,
    pub us: i32,
}

/// Normalizes (day, hour, minute, second, us) offsets; `None` when out of date range.
pub fn normalize_datetime(
    year: i32,
    month: i32,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
    us: i64,
) -> Option<Fields> {
    let (cs, us) = divmod(us, 1_000_000);
    let (cm, second) = divmod(second + cs, 60);
    let (ch, minute) = divmod(minute + cm, 60);
    let (cd, hour) = divmod(hour + ch, 24);
    let (year, month, day) = normalize_date(year, month, day + cd)?;
    Some(Fields {
        year,
        month,
        day,
        hour: hour as i32,
        minute: minute as i32,
        second: second as i32,
        us: us as i32,
    })
}

// --- fromisoformat grammar ---

fn digits(s: &[u8], pos: &mut usize, n: usize) -> Option<i32> {
    let mut v = 0i32;
    for _ in 0..n {
        let c = *s.get(*pos)?;
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + i32::from(c - b'0');
        *pos += 1;
    }
    Some(v)
}

/// Parses a date part (`YYYY-MM-DD`, `YYYYMMDD`, `YYYY-Www[-D]`, `YYYYWww[D]`). As in C,
/// bytes after a complete date are not looked at (callers check the length).
pub fn parse_date(s: &[u8]) -> Option<(i32, i32, i32)> {
    let mut p = 0;
    let year = digits(s, &mut p, 4)?;
    let sep = s.get(p) == Some(&b'-');
    if sep {
        p += 1;
    }
    if s.get(p) == Some(&b'W') {
        p += 1;
        let week = digits(s, &mut p, 2)?;
        let mut day = 1;
        if p < s.len() {
            if sep {
                if s.get(p) != Some(&b'-') {
                    return None;
                }
                p += 1;
            }
            day = digits(s, &mut p, 1)?;
        }
        return iso_to_ymd(year, week, day).ok();
    }
    let month = digits(s, &mut p, 2)?;
    if sep {
        if s.get(p) != Some(&b'-') {
            return None;
        }
        p += 1;
    }
    let day = digits(s, &mut p, 2)?;
    Some((year, month, day))
}

/// `HH[:MM[:SS[.ffffff]]]` between `start` and `end` of `full`, a port of CPython's
/// `parse_hh_mm_ss_ff` (which, like C, may peek at the byte at `end`; past the buffer reads
/// as NUL) with 3.14's extra rules (a fraction only after seconds, no third colon).
/// Returns the fields, the microseconds and whether something follows ("status 1").
fn parse_hms(full: &[u8], start: usize, end: usize) -> Option<([i32; 3], i32, bool)> {
    let at = |i: usize| full.get(i).copied().unwrap_or(0);
    let mut vals = [0i32; 3];
    let mut p = start;
    let mut has_sep = true;
    for (i, v) in vals.iter_mut().enumerate() {
        *v = digits(full, &mut p, 2)?;
        let c = at(p);
        p += 1;
        if i == 0 {
            has_sep = c == b':';
        }
        if p >= end {
            // 3.14: a `.`/`,` must be followed by digits.
            if c == b'.' || c == b',' {
                return None;
            }
            return Some((vals, 0, c != 0));
        }
        if has_sep && c == b':' {
            if i == 2 {
                return None;
            }
            continue;
        }
        if c == b'.' || c == b',' {
            if i < 2 {
                return None;
            }
            break;
        }
        if !has_sep {
            p -= 1;
            continue;
        }
        return None;
    }
    let to_parse = end.saturating_sub(p).min(6);
    if to_parse == 0 {
        return None;
    }
    let mut us = digits(full, &mut p, to_parse)?;
    for _ in to_parse..6 {
        us *= 10;
    }
    while at(p).is_ascii_digit() {
        p += 1;
    }
    Some((vals, us, at(p) != 0))
}

/// A parsed time with its optional UTC offset (seconds, microseconds; same sign).
pub struct ParsedTime {
    pub hour: i32,
    pub minute: i32,
    pub second: i32,
    pub us: i32,
    pub tz: Option<(i32, i32)>,
}

/// Parses a time part with an optional `Z` / `±HH[:MM[:SS[.ffffff]]]` suffix (CPython's
/// `parse_isoformat_time`).
pub fn parse_time(s: &[u8]) -> Option<ParsedTime> {
    let tzpos = s
        .iter()
        .position(|&c| c == b'Z' || c == b'+' || c == b'-')
        .unwrap_or(s.len());
    let ([hour, minute, second], us, trailing) = parse_hms(s, 0, tzpos)?;
    let tz = if tzpos == s.len() {
        if trailing {
            return None;
        }
        None
    } else if s[tzpos] == b'Z' {
        if tzpos + 1 != s.len() {
            return None;
        }
        Some((0, 0))
    } else {
        let sign = if s[tzpos] == b'-' { -1 } else { 1 };
        let ([h, m, sec], tus, trailing) = parse_hms(s, tzpos + 1, s.len())?;
        if trailing {
            return None;
        }
        Some((sign * (h * 3600 + m * 60 + sec), sign * tus))
    };
    Some(ParsedTime {
        hour,
        minute,
        second,
        us,
        tz,
    })
}

/// Where the date part of a datetime string ends (CPython's
/// `_find_isoformat_datetime_separator`).
pub fn datetime_separator(s: &[u8]) -> usize {
    let len = s.len();
    if len == 7 {
        return 7;
    }
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    if at(4) == b'-' {
        if at(5) == b'W' {
            if len > 8 && at(8) == b'-' {
                if len > 10 && at(10).is_ascii_digit() {
                    return 8;
                }
                return 10;
            }
            return 8;
        }
        return 10;
    }
    if at(4) == b'W' {
        let mut idx = 7;
        while idx < len && at(idx).is_ascii_digit() {
            idx += 1;
        }
        if idx < 9 {
            return idx;
        }
        return if idx % 2 == 0 { 7 } else { 8 };
    }
    8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_round_trip() {
        for ord in [1, 59, 60, 365, 366, 730_120, 738_944, MAXORDINAL] {
            let (y, m, d) = ord_to_ymd(ord);
            assert_eq!(ymd_to_ord(y, m, d), ord);
        }
        assert_eq!(ord_to_ymd(1), (1, 1, 1));
        assert_eq!(ord_to_ymd(MAXORDINAL), (9999, 12, 31));
    }

    #[test]
    fn iso_weeks() {
        assert_eq!(isocalendar(2024, 2, 28), (2024, 9, 3));
        assert_eq!(isocalendar(2021, 1, 1), (2020, 53, 5));
        assert!(iso_to_ymd(2020, 53, 5).is_ok());
    }

    #[test]
    fn iso_strings() {
        assert_eq!(parse_date(b"2020-01-02"), Some((2020, 1, 2)));
        assert_eq!(parse_date(b"2020-1-2"), None);
        assert_eq!(parse_date(b"20200102xx"), Some((2020, 1, 2)));
        let t = parse_time(b"10:11:12.5+01:30").map(|t| (t.hour, t.us, t.tz));
        assert_eq!(t, Some((10, 500_000, Some((5400, 0)))));
        assert!(parse_time(b"1011").is_some());
        assert!(parse_time(b"10:1112").is_none());
    }
}
