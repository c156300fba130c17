//! Timestamps: the handful of fixed layouts access logs use, turned into Unix seconds (UTC), and
//! back into RFC 3339 text. Hand-written because the layouts are few and fixed and this runs once
//! per log line; no time-zone database is needed (offsets are written in the logs).

/// Seconds in a day.
const DAY: i64 = 86_400;

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
pub(crate) fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number (inverse of [`days_from_civil`]).
pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    // Both are small by construction (1–31, 1–12).
    let d = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let m = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Parses ASCII digits (at most 9) as a number; `None` for anything else or an empty slice.
#[inline]
pub(crate) fn digits(b: &[u8]) -> Option<u32> {
    if b.is_empty() || b.len() > 9 {
        return None;
    }
    let mut n: u32 = 0;
    for &c in b {
        let d = c.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        n = n * 10 + u32::from(d);
    }
    Some(n)
}

fn valid(y: i64, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> bool {
    (1..=9999).contains(&y)
        && (1..=12).contains(&mo)
        && (1..=31).contains(&d)
        && h <= 24
        && mi <= 59
        && s <= 60
}

fn seconds(y: i64, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> Option<i64> {
    valid(y, mo, d, h, mi, s).then(|| {
        days_from_civil(y, mo, d) * DAY + i64::from(h) * 3600 + i64::from(mi) * 60 + i64::from(s)
    })
}

/// Two ASCII digits.
#[inline]
fn two(a: u8, b: u8) -> Option<u32> {
    let (a, b) = (a.wrapping_sub(b'0'), b.wrapping_sub(b'0'));
    (a <= 9 && b <= 9).then(|| u32::from(a) * 10 + u32::from(b))
}

fn month(b: &[u8]) -> Option<u32> {
    const NAMES: [&[u8; 3]; 12] = [
        b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov",
        b"dec",
    ];
    if b.len() != 3 {
        return None;
    }
    let lower = [
        b[0].to_ascii_lowercase(),
        b[1].to_ascii_lowercase(),
        b[2].to_ascii_lowercase(),
    ];
    NAMES
        .iter()
        .position(|n| **n == lower)
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// `[+-]HHMM` or `[+-]HH:MM` or `Z`: the offset east of UTC in seconds.
fn offset(b: &[u8]) -> Option<i64> {
    match b {
        [] | [b'Z' | b'z'] => Some(0),
        [sign @ (b'+' | b'-'), rest @ ..] => {
            let (h, m) = match rest {
                [h1, h2, b':', m1, m2] | [h1, h2, m1, m2] => {
                    (digits(&[*h1, *h2])?, digits(&[*m1, *m2])?)
                }
                [h1, h2] => (digits(&[*h1, *h2])?, 0),
                _ => return None,
            };
            let secs = i64::from(h) * 3600 + i64::from(m) * 60;
            Some(if *sign == b'-' { -secs } else { secs })
        }
        _ => None,
    }
}

/// `HH:MM:SS` with optional `.fraction`; also `H:MM:SS` (IIS native). Returns (h, m, s).
fn clock(b: &[u8]) -> Option<(u32, u32, u32)> {
    // Nearly every log writes `HH:MM:SS`: read it in place, without searching.
    if let [h1, h2, b':', m1, m2, b':', s1, s2] = b {
        return Some((two(*h1, *h2)?, two(*m1, *m2)?, two(*s1, *s2)?));
    }
    let b = match memchr::memchr(b'.', b) {
        Some(dot) => &b[..dot],
        None => b,
    };
    let c1 = memchr::memchr(b':', b)?;
    let h = digits(&b[..c1])?;
    let rest = &b[c1 + 1..];
    match rest {
        [m1, m2, b':', s1, s2] => Some((h, digits(&[*m1, *m2])?, digits(&[*s1, *s2])?)),
        [m1, m2] => Some((h, digits(&[*m1, *m2])?, 0)),
        _ => None,
    }
}

/// The Common Log Format time, without brackets: `17/May/2015:10:05:03 +0000`.
pub(crate) fn parse_clf(b: &[u8]) -> Option<i64> {
    // The layout nginx and Apache write, `DD/Mon/YYYY:HH:MM:SS +HHMM`, read in place; any other
    // (one-digit days, no offset, `+HH:MM`) by the general path below.
    if let [d1, d2, b'/', m @ .., b'/', y1, y2, y3, y4, b':', h1, h2, b':', i1, i2, b':', s1, s2, b' ', sign @ (b'+' | b'-'), o1, o2, o3, o4] =
        b
    {
        if m.len() == 3 {
            let y = i64::from(two(*y1, *y2)? * 100 + two(*y3, *y4)?);
            let off = i64::from(two(*o1, *o2)?) * 3600 + i64::from(two(*o3, *o4)?) * 60;
            let off = if *sign == b'-' { -off } else { off };
            let t = seconds(
                y,
                month(m)?,
                two(*d1, *d2)?,
                two(*h1, *h2)?,
                two(*i1, *i2)?,
                two(*s1, *s2)?,
            )?;
            return Some(t - off);
        }
    }
    let s1 = memchr::memchr(b'/', b)?;
    let d = digits(&b[..s1])?;
    let rest = &b[s1 + 1..];
    let s2 = memchr::memchr(b'/', rest)?;
    let mo = month(&rest[..s2])?;
    let rest = &rest[s2 + 1..];
    let c = memchr::memchr(b':', rest)?;
    let y = i64::from(digits(&rest[..c])?);
    let rest = &rest[c + 1..];
    let (clock_part, off) = match memchr::memchr(b' ', rest) {
        Some(sp) => (&rest[..sp], offset(&rest[sp + 1..])?),
        None => (rest, 0),
    };
    let (h, mi, s) = clock(clock_part)?;
    Some(seconds(y, mo, d, h, mi, s)? - off)
}

/// `YYYY-MM-DD`.
fn ymd(b: &[u8]) -> Option<(i64, u32, u32)> {
    match b {
        [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] => Some((
            i64::from(digits(&[*y1, *y2, *y3, *y4])?),
            digits(&[*m1, *m2])?,
            digits(&[*d1, *d2])?,
        )),
        _ => None,
    }
}

/// W3C `date` and `time` fields (UTC by the W3C and IIS convention): `2015-01-13`, `00:32:17`
/// or `17:00:00.363`.
pub(crate) fn parse_w3c(date: &[u8], time: &[u8]) -> Option<i64> {
    let (y, mo, d) = ymd(date)?;
    let (h, mi, s) = clock(time)?;
    seconds(y, mo, d, h, mi, s)
}

/// The day number of a W3C `#Date:` directive value (`2015-01-13 00:32:17`).
pub(crate) fn w3c_day(b: &[u8]) -> Option<i64> {
    let (y, mo, d) = ymd(b.get(..10)?)?;
    valid(y, mo, d, 0, 0, 0).then(|| days_from_civil(y, mo, d))
}

/// Seconds since midnight of a W3C `time` field.
pub(crate) fn w3c_clock(b: &[u8]) -> Option<i64> {
    let (h, mi, s) = clock(b)?;
    (h <= 24 && mi <= 59 && s <= 60)
        .then(|| i64::from(h) * 3600 + i64::from(mi) * 60 + i64::from(s))
}

/// IIS native date and time: `03/20/01` or `3/20/2001`, `7:55:20` (local time, read as written).
pub(crate) fn parse_native(date: &[u8], time: &[u8]) -> Option<i64> {
    let s1 = memchr::memchr(b'/', date)?;
    let mo = digits(&date[..s1])?;
    let rest = &date[s1 + 1..];
    let s2 = memchr::memchr(b'/', rest)?;
    let d = digits(&rest[..s2])?;
    let yb = &rest[s2 + 1..];
    let y = i64::from(digits(yb)?);
    let y = if yb.len() == 2 {
        if y < 70 {
            2000 + y
        } else {
            1900 + y
        }
    } else {
        y
    };
    let (h, mi, s) = clock(time)?;
    seconds(y, mo, d, h, mi, s)
}

/// ISO 8601 / RFC 3339: `2015-05-17T10:05:03Z`, `2015-05-17 10:05:03.123+02:00`, `2015-05-17`.
pub(crate) fn parse_iso(b: &[u8]) -> Option<i64> {
    let (y, mo, d) = ymd(b.get(..10)?)?;
    let rest = &b[10..];
    if rest.is_empty() {
        return seconds(y, mo, d, 0, 0, 0);
    }
    if !matches!(rest[0], b'T' | b't' | b' ') {
        return None;
    }
    let rest = &rest[1..];
    let end = rest
        .iter()
        .position(|c| matches!(c, b'Z' | b'z' | b'+' | b'-'))
        .unwrap_or(rest.len());
    let (h, mi, s) = clock(&rest[..end])?;
    Some(seconds(y, mo, d, h, mi, s)? - offset(&rest[end..])?)
}

/// Any of the layouts a JSON log may use for its time: RFC 3339, CLF, or Unix seconds (a number,
/// possibly with a fraction, or milliseconds when it is too large to be seconds).
pub(crate) fn parse_any(b: &[u8]) -> Option<i64> {
    parse_iso(b).or_else(|| parse_clf(b)).or_else(|| unix(b))
}

fn unix(b: &[u8]) -> Option<i64> {
    let int = match memchr::memchr(b'.', b) {
        Some(dot) => &b[..dot],
        None => b,
    };
    if int.is_empty() || int.len() > 16 || !int.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let n: i64 = std::str::from_utf8(int).ok()?.parse().ok()?;
    Some(unix_number(n))
}

/// Seconds from a Unix timestamp that may be in seconds, milliseconds or microseconds.
pub(crate) fn unix_number(n: i64) -> i64 {
    if n > 100_000_000_000_000 {
        n / 1_000_000
    } else if n > 100_000_000_000 {
        n / 1000
    } else {
        n
    }
}

/// `2015-05-17T10:05:03Z`.
pub fn format_rfc3339(t: i64) -> String {
    let (y, mo, d) = civil_from_days(t.div_euclid(DAY));
    let s = t.rem_euclid(DAY);
    format!(
        "{y:04}-{mo:02}-{d:02}T{:02}:{:02}:{:02}Z",
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

/// Parses a `--since`/`--until` value: RFC 3339 or a date (`2024-03-01`, `2024-03-01T12:00`,
/// `2024-03-01 12:00:00+07:00`), a CLF time, `@` followed by Unix seconds, or a duration before
/// `now` (`90s`, `30m`, `12h`, `7d`, `2w`). Times without an offset are UTC.
pub fn parse_time_arg(s: &str, now: i64) -> Result<i64, String> {
    let t = s.trim();
    let b = t.as_bytes();
    if let Some(n) = t.strip_prefix('@') {
        return n
            .parse::<i64>()
            .map_err(|_| format!("{s:?}: expected Unix seconds after @"));
    }
    if let Some((num, unit)) = t.char_indices().last().map(|(i, c)| (&t[..i], c)) {
        if let Ok(n) = num.parse::<i64>() {
            let mult = match unit {
                's' => Some(1),
                'm' => Some(60),
                'h' => Some(3600),
                'd' => Some(DAY),
                'w' => Some(7 * DAY),
                _ => None,
            };
            if let Some(m) = mult {
                return n
                    .checked_mul(m)
                    .map(|d| now - d)
                    .ok_or_else(|| format!("{s:?}: duration too large"));
            }
        }
    }
    // `2024-03-01T12:00` (no seconds) is common on command lines.
    let padded;
    let b = if b.len() == 16 && (b.get(10) == Some(&b'T') || b.get(10) == Some(&b' ')) {
        padded = [b, b":00"].concat();
        &padded[..]
    } else {
        b
    };
    parse_iso(b).or_else(|| parse_clf(b)).ok_or_else(|| {
        format!(
            "{s:?}: expected a date or time such as 2024-03-01, 2024-03-01T12:00:00Z, \
             17/May/2015:10:05:03 +0000, @1700000000, or a duration before now such as 30m, 12h, 7d"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_round_trip() {
        for z in [-1_000_000, -1, 0, 1, 16_000, 20_000, 2_932_896] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }

    #[test]
    fn clf() {
        assert_eq!(
            parse_clf(b"17/May/2015:10:05:03 +0000"),
            Some(1_431_857_103)
        );
        assert_eq!(
            parse_clf(b"17/May/2015:12:05:03 +0200"),
            Some(1_431_857_103)
        );
        assert_eq!(
            parse_clf(b"17/may/2015:03:05:03 -0700"),
            Some(1_431_857_103)
        );
        assert_eq!(parse_clf(b"17/Mai/2015:10:05:03 +0000"), None);
        assert_eq!(parse_clf(b"17/May/2015:10:05"), Some(1_431_857_100));
        assert_eq!(parse_clf(b"17/May/2015:10"), None);
        assert_eq!(parse_clf(b""), None);
        // The in-place layout and the general path agree; what the first refuses, the second
        // still reads (one-digit day, `+HH:MM`), and bad digits fail in both.
        assert_eq!(
            parse_clf(b"7/May/2015:10:05:03 +0000"),
            parse_clf(b"07/May/2015:10:05:03 +0000")
        );
        assert_eq!(
            parse_clf(b"17/May/2015:12:35:03 +02:30"),
            parse_clf(b"17/May/2015:12:35:03 +0230")
        );
        assert_eq!(
            parse_clf(b"17/May/2015:12:35:03 +0230"),
            Some(1_431_857_103)
        );
        for bad in [
            &b"17/May/2015:1x:05:03 +0000"[..],
            b"17/May/2015:10:05:03 +00x0",
            b"32/May/2015:10:05:03 +0000",
            b"17/May/2015:25:05:03 +0000",
            b"17/Mayo/2015:10:05:03 +0000",
        ] {
            assert_eq!(parse_clf(bad), None, "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn w3c_and_iso() {
        assert_eq!(parse_w3c(b"2015-05-17", b"10:05:03"), Some(1_431_857_103));
        assert_eq!(
            parse_w3c(b"2015-05-17", b"10:05:03.363"),
            Some(1_431_857_103)
        );
        assert_eq!(parse_w3c(b"2015-13-17", b"10:05:03"), None);
        assert_eq!(parse_iso(b"2015-05-17T10:05:03Z"), Some(1_431_857_103));
        assert_eq!(
            parse_iso(b"2015-05-17T12:05:03.5+02:00"),
            Some(1_431_857_103)
        );
        assert_eq!(parse_iso(b"2015-05-17 10:05:03"), Some(1_431_857_103));
        assert_eq!(parse_iso(b"2015-05-17"), Some(1_431_820_800));
        assert_eq!(parse_native(b"05/17/15", b"10:05:03"), Some(1_431_857_103));
        assert_eq!(parse_native(b"5/17/2015", b"10:05:03"), Some(1_431_857_103));
        assert_eq!(parse_any(b"1431857103.25"), Some(1_431_857_103));
        assert_eq!(parse_any(b"1431857103250"), Some(1_431_857_103));
    }

    #[test]
    fn format() {
        assert_eq!(format_rfc3339(1_431_857_103), "2015-05-17T10:05:03Z");
        assert_eq!(format_rfc3339(-1), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn arguments() {
        let now = 1_700_000_000;
        assert_eq!(parse_time_arg("2015-05-17", now), Ok(1_431_820_800));
        assert_eq!(parse_time_arg("2015-05-17T10:05", now), Ok(1_431_857_100));
        assert_eq!(
            parse_time_arg("2015-05-17 10:05:03+00:00", now),
            Ok(1_431_857_103)
        );
        assert_eq!(parse_time_arg("@42", now), Ok(42));
        assert_eq!(parse_time_arg("2h", now), Ok(now - 7200));
        assert_eq!(parse_time_arg("7d", now), Ok(now - 7 * 86_400));
        assert!(parse_time_arg("yesterday", now).is_err());
        assert!(parse_time_arg("99999999999999999999d", now).is_err());
    }
}

/// Byte equality of short slices, eight bytes at a time, without a call to `memcmp`.
#[inline]
fn same(x: &[u8], y: &[u8]) -> bool {
    if x.len() != y.len() {
        return false;
    }
    let mut xs = x.chunks_exact(8);
    let mut ys = y.chunks_exact(8);
    for (a, b) in (&mut xs).zip(&mut ys) {
        match (<[u8; 8]>::try_from(a), <[u8; 8]>::try_from(b)) {
            (Ok(a), Ok(b)) if u64::from_ne_bytes(a) == u64::from_ne_bytes(b) => {}
            _ => return false,
        }
    }
    xs.remainder()
        .iter()
        .zip(ys.remainder())
        .all(|(a, b)| a == b)
}

/// Remembers the last timestamp text and its value: consecutive log lines mostly share their
/// second, so most lines skip the date arithmetic.
#[derive(Debug, Clone)]
pub(crate) struct TimeCache {
    key: [u8; 48],
    len: usize,
    value: Option<i64>,
    /// The last date of the ISO times read in place ([`crate::cloud::iso_time`]): their text
    /// changes on every line (the fraction of a second), their date once a day.
    pub(crate) days: crate::cloud::Days,
}

impl Default for TimeCache {
    fn default() -> Self {
        TimeCache {
            key: [0; 48],
            len: usize::MAX,
            value: None,
            days: crate::cloud::Days::default(),
        }
    }
}

impl TimeCache {
    /// The value for `a` followed by `b`, computed by `f` when the text differs from last time.
    #[inline]
    pub(crate) fn get(
        &mut self,
        a: &[u8],
        b: &[u8],
        f: impl FnOnce(&[u8], &[u8]) -> Option<i64>,
    ) -> Option<i64> {
        let total = a.len() + b.len();
        if total > self.key.len() {
            return f(a, b);
        }
        if total == self.len && same(&self.key[..a.len()], a) && same(&self.key[a.len()..total], b)
        {
            return self.value;
        }
        let value = f(a, b);
        self.key[..a.len()].copy_from_slice(a);
        self.key[a.len()..total].copy_from_slice(b);
        self.len = total;
        self.value = value;
        value
    }
}
