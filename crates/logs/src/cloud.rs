//! Cloud load balancer, CDN and storage access logs, each in its documented field order:
//!
//! - **AWS Application Load Balancer**: `type time elb client:port target:port request_time
//!   target_time response_time elb_status target_status received sent "request" "user_agent" ...
//!   "error_reason" ...`. `type` is `http`, `https`, `h2`, `grpcs`, `ws` or `wss`. The status
//!   counted is the load balancer's (`elb_status_code`); the target's status and `error_reason`
//!   become the cause of a failure.
//! - **Classic ELB**: `time elb client:port backend:port request_time backend_time response_time
//!   elb_status backend_status received sent "request" "user_agent" cipher protocol`. Lines of
//!   TCP listeners (`-` statuses, `"- - - "` request) are connections, not HTTP requests.
//! - **Network Load Balancer** TLS logs: `tls version time elb listener client:port dest:port
//!   connection_time handshake_time ...`: connections, counted apart, never as HTTP.
//! - **CloudFront** standard logs: W3C headers, tab-separated values (a value may hold spaces, as
//!   `x-forwarded-for` does: `a, b`): date, time, edge, bytes, c-ip, method, host, uri-stem,
//!   status, ... and `x-edge-detailed-result-type` (29th) as the cause.
//! - **S3 server access logs**: `owner bucket [time] remote_ip requester request_id operation key
//!   "request_uri" status error_code ...`; `error_code` (`NoSuchKey`) is the cause.

use memchr::memchr;

use crate::ncsa::request_path;
use crate::record::{
    find_near, present, status3, strip_query, Cause, CauseKind, Kind, Malformed, Record,
};
use crate::summary::is_error;
use crate::time::{self, TimeCache};

/// At most this many space-separated fields are looked at.
const MAX_FIELDS: usize = 32;

/// Splits a line into fields separated by single spaces; a field starting with `"` runs to the
/// closing quote (a backslash escapes), a field starting with `[` to the closing `]`. Quotes
/// and brackets are dropped. Returns how many fields were found (at most `MAX_FIELDS`).
#[cfg(test)]
pub(crate) fn fields<'a>(line: &'a [u8], out: &mut [&'a [u8]; MAX_FIELDS]) -> usize {
    fields_upto(line, out, MAX_FIELDS)
}

/// [`fields`], stopping after `max` fields (at most `MAX_FIELDS`): a parser that looks at none
/// after the first `max` saves splitting the rest. Unquoted fields are short: their end is found
/// in place, eight bytes at a time, before any call to a vector search.
pub(crate) fn fields_upto<'a>(
    line: &'a [u8],
    out: &mut [&'a [u8]; MAX_FIELDS],
    max: usize,
) -> usize {
    let max = max.min(MAX_FIELDS);
    let mut n = 0;
    let mut i = 0;
    // The spaces of the 64 bytes from `window.0` (on x86-64): an unquoted value's end is then a
    // shift and a bit count, not a search.
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    let mut window: Option<(usize, u64)> = None;
    while i < line.len() && n < max {
        #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
        if !matches!(line[i], b' ' | b'"' | b'[') {
            if window.is_none_or(|(base, _)| i >= base + 64) {
                window = line[i..]
                    .first_chunk::<64>()
                    .map(|w| (i, crate::record::space_mask(w)));
            }
            if let Some((base, spaces)) = window {
                let after = spaces >> (i - base);
                if after != 0 {
                    let end = i + after.trailing_zeros() as usize;
                    out[n] = &line[i..end];
                    n += 1;
                    i = end + 1;
                    continue;
                }
            }
        }
        match line[i] {
            b' ' => {
                i += 1;
                continue;
            }
            b'"' => {
                let body = &line[i + 1..];
                let end = crate::ncsa::closing_quote(body).unwrap_or(body.len());
                out[n] = &body[..end];
                i += end + 2;
                // The space after the value, at once rather than by one more turn of the loop.
                if line.get(i) == Some(&b' ') {
                    i += 1;
                }
            }
            b'[' => {
                let body = &line[i + 1..];
                let end = memchr(b']', body).unwrap_or(body.len());
                out[n] = &body[..end];
                i += end + 2;
            }
            _ => {
                // The value ends at a space (skipped at once) or at the end of the line.
                let end = find_near(&line[i..], b' ').map_or(line.len(), |e| i + e);
                out[n] = &line[i..end];
                i = end + 1;
            }
        }
        n += 1;
    }
    n
}

/// The path of an absolute URL (`https://host:443/a/b?x` → `/a/b`), or of a path.
pub(crate) fn url_path(target: &[u8]) -> Option<&[u8]> {
    let t = strip_query(target);
    // `http://` and `https://` hold the first `://` of the URL: no search for it.
    let scheme_end = if t.starts_with(b"https://") {
        Some(5)
    } else if t.starts_with(b"http://") {
        Some(4)
    } else {
        memchr::memmem::find(t, b"://")
    };
    let t = match scheme_end {
        Some(i) => {
            let after = &t[i + 3..];
            match memchr(b'/', after) {
                Some(j) => &after[j..],
                None => b"/",
            }
        }
        None => t,
    };
    present(t)
}

/// Whether the report can use the request path of a line with this status: for error codes
/// (their top paths, the scanner patterns), or for every line under a `--path` filter
/// (`all_paths`), as `ncsa::parse_with` decides. Nine lines in ten are 2xx and 3xx.
#[inline]
pub(crate) fn wanted(all_paths: bool, status: u16) -> bool {
    all_paths || is_error(status)
}

/// The path of a request line whose target is an absolute URL.
fn request_url_path(request: &[u8]) -> Option<&[u8]> {
    let sp = find_near(request, b' ')?;
    let target = &request[sp + 1..];
    let end = find_near(target, b' ').unwrap_or(target.len());
    url_path(&target[..end])
}

/// Two ASCII digits as a number.
#[inline]
fn two(a: u8, b: u8) -> Option<i64> {
    let (a, b) = (a.wrapping_sub(b'0'), b.wrapping_sub(b'0'));
    (a <= 9 && b <= 9).then(|| i64::from(a) * 10 + i64::from(b))
}

/// Unix seconds of a date and time, with the ranges [`time::parse_iso`] and
/// [`time::parse_clf`] accept (a day 31 of any month, an hour 24, a second 60).
fn civil_seconds(y: i64, mo: i64, d: i64, h: i64, mi: i64, s: i64) -> Option<i64> {
    let valid = (1..=9999).contains(&y)
        && (1..=12).contains(&mo)
        && (1..=31).contains(&d)
        && h <= 24
        && mi <= 59
        && s <= 60;
    // Both are in range once valid.
    let (mo, d) = (u32::try_from(mo).ok()?, u32::try_from(d).ok()?);
    valid.then(|| time::days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s)
}

/// The layout AWS and Envoy write, `YYYY-MM-DDTHH:MM:SS`, then optionally `.` and digits, then
/// optionally `Z`, read in place: the value [`time::parse_iso`] gives it (which ignores the
/// fraction), without its searches. `None` for any other text (left to `time::parse_iso`).
pub(crate) fn iso_in_place(b: &[u8]) -> Option<Option<i64>> {
    let [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2, b'T', h1, h2, b':', i1, i2, b':', s1, s2, tail @ ..] =
        b
    else {
        return None;
    };
    let tail = tail.strip_suffix(b"Z").unwrap_or(tail);
    if let Some(fraction) = tail.strip_prefix(b".") {
        if fraction.is_empty() || !fraction.iter().all(u8::is_ascii_digit) {
            return None;
        }
    } else if !tail.is_empty() {
        return None;
    }
    Some(from_digits(
        [*y1, *y2, *y3, *y4, *m1, *m2, *d1, *d2],
        [*h1, *h2, *i1, *i2, *s1, *s2],
    ))
}

/// The day of the last date [`iso_days`] read: JSON logs (one object a line, the time a string)
/// write a new second on nearly every line, but the same date for a day of lines.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Days {
    /// `YYYYMMDD` as written, and its seconds at midnight (`None`: not a date).
    date: Option<([u8; 8], Option<i64>)>,
}

/// [`iso_in_place`] for JSON times, with the date's day taken from `days` when it is the date
/// of last time, and an offset `+HH:MM` or `-HH:MM` after the seconds (nginx's
/// `$time_iso8601`) read too: where it gives a time, the time [`time::parse_iso`] gives.
#[inline]
pub(crate) fn iso_days(b: &[u8], days: &mut Days) -> Option<Option<i64>> {
    let [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2, b'T', h1, h2, b':', i1, i2, b':', s1, s2, tail @ ..] =
        b
    else {
        return None;
    };
    let (tail, offset) = match tail {
        [rest @ .., sign @ (b'+' | b'-'), o1, o2, b':', o3, o4] => {
            // `parse_iso` takes any two digits (no range check) for the hours and minutes.
            let (Some(oh), Some(om)) = (two(*o1, *o2), two(*o3, *o4)) else {
                return None;
            };
            let secs = oh * 3600 + om * 60;
            (rest, if *sign == b'-' { -secs } else { secs })
        }
        _ => (tail.strip_suffix(b"Z").unwrap_or(tail), 0),
    };
    if let Some(fraction) = tail.strip_prefix(b".") {
        if fraction.is_empty() || !fraction.iter().all(u8::is_ascii_digit) {
            return None;
        }
    } else if !tail.is_empty() {
        return None;
    }
    let date = [*y1, *y2, *y3, *y4, *m1, *m2, *d1, *d2];
    let midnight = match days.date {
        Some((last, midnight)) if last == date => midnight,
        _ => {
            let midnight = from_digits(date, *b"000000");
            days.date = Some((date, midnight));
            midnight
        }
    };
    let (h, mi, s) = (two(*h1, *h2), two(*i1, *i2), two(*s1, *s2));
    Some(match (midnight, h, mi, s) {
        // The ranges `civil_seconds` accepts.
        (Some(m), Some(h), Some(mi), Some(s)) if h <= 24 && mi <= 59 && s <= 60 => {
            Some(m + h * 3600 + mi * 60 + s - offset)
        }
        _ => None,
    })
}

/// Seconds since the epoch of `YYYYMMDD` and `HHMMSS` given as ASCII digits; `None` when one is not
/// a digit or the date or time does not exist.
fn from_digits(date: [u8; 8], clock: [u8; 6]) -> Option<i64> {
    let [y1, y2, y3, y4, m1, m2, d1, d2] = date;
    let [h1, h2, i1, i2, s1, s2] = clock;
    civil_seconds(
        two(y1, y2)? * 100 + two(y3, y4)?,
        two(m1, m2)?,
        two(d1, d2)?,
        two(h1, h2)?,
        two(i1, i2)?,
        two(s1, s2)?,
    )
}

/// W3C `YYYY-MM-DD` and `HH:MM:SS` (CloudFront's date and time), read in place: the value
/// [`time::parse_w3c`] gives them. `None` for any other layout (left to `time::parse_w3c`).
fn w3c_in_place(date: &[u8], clock: &[u8]) -> Option<Option<i64>> {
    let ([y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2], [h1, h2, b':', i1, i2, b':', s1, s2]) =
        (date, clock)
    else {
        return None;
    };
    Some(from_digits(
        [*y1, *y2, *y3, *y4, *m1, *m2, *d1, *d2],
        [*h1, *h2, *i1, *i2, *s1, *s2],
    ))
}

/// An ISO 8601 time. AWS and Envoy write a fraction of a second on every line, so the text
/// differs on every line and the time cache never helps: their layout is read in place
/// ([`iso_days`], with the date's day kept in the cache from line to line); any other text goes
/// through the cache (to [`iso_in_place`] for whole seconds, else [`time::parse_iso`]).
pub(crate) fn iso_time(b: &[u8], cache: &mut TimeCache) -> Option<i64> {
    if b.get(19) == Some(&b'.') {
        if let Some(t) = iso_days(b, &mut cache.days) {
            return t;
        }
    }
    cache.get(b, b"", |a, _| {
        iso_in_place(a).unwrap_or_else(|| time::parse_iso(a))
    })
}

/// HAProxy's accept date without its fraction, `DD/Mon/YYYY:HH:MM:SS` (no offset: UTC), read in
/// place: the value [`time::parse_clf`] gives it by its general path. `None` for any other text
/// (left to `time::parse_clf`).
fn clf_in_place(b: &[u8]) -> Option<Option<i64>> {
    let [d1, d2, b'/', n1, n2, n3, b'/', y1, y2, y3, y4, b':', h1, h2, b':', i1, i2, b':', s1, s2] =
        b
    else {
        return None;
    };
    const MONTHS: [&[u8; 3]; 12] = [
        b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov",
        b"dec",
    ];
    let name = [
        n1.to_ascii_lowercase(),
        n2.to_ascii_lowercase(),
        n3.to_ascii_lowercase(),
    ];
    let month = MONTHS.iter().position(|m| **m == name);
    let year = (|| Some(two(*y1, *y2)? * 100 + two(*y3, *y4)?))();
    Some((|| {
        civil_seconds(
            year?,
            i64::try_from(month? + 1).ok()?,
            two(*d1, *d2)?,
            two(*h1, *h2)?,
            two(*i1, *i2)?,
            two(*s1, *s2)?,
        )
    })())
}

/// A CLF time. HAProxy's layout with milliseconds, `DD/Mon/YYYY:HH:MM:SS.mmm`, is a new text on
/// nearly every line but a new second only every few lines: its whole seconds go through the cache
/// (read by [`clf_in_place`]) and the fraction is only checked to be digits. Any other text goes
/// through the cache whole, to [`time::parse_clf`].
pub(crate) fn clf_time(b: &[u8], cache: &mut TimeCache) -> Option<i64> {
    if let Some((whole, [b'.', fraction @ ..])) = b.split_at_checked(20) {
        if !fraction.is_empty() && fraction.iter().all(u8::is_ascii_digit) {
            return cache.get(whole, b"", |a, _| {
                clf_in_place(a).unwrap_or_else(|| time::parse_clf(a))
            });
        }
    }
    cache.get(b, b"", |a, _| time::parse_clf(a))
}

/// `ip:port` → `ip` (also `[v6]:port`).
pub(crate) fn host_of(addr: &[u8]) -> Option<&[u8]> {
    // Searched in place, from the end: a port is a few digits, an address a few bytes more (a
    // call to a vector search costs more than these searches).
    host_before(addr, addr.iter().rposition(|c| *c == b':'))
}

/// [`host_of`], given the last `:` of `addr`.
#[inline]
fn host_before(addr: &[u8], last_colon: Option<usize>) -> Option<&[u8]> {
    let addr = present(addr)?;
    if let Some(rest) = addr.strip_prefix(b"[") {
        return memchr(b']', rest).map(|i| &rest[..i]);
    }
    match last_colon {
        // One colon: IPv4 with a port. More: a bare IPv6 address.
        Some(i)
            if !addr[..i]
                .iter()
                .fold(false, |found, c| found | (*c == b':')) =>
        {
            Some(&addr[..i])
        }
        _ => Some(addr),
    }
}

/// A status: three digits, or `-` or `0` (no status: 0).
fn status_or_dash(b: &[u8]) -> Option<u16> {
    if b == b"-" || b == b"0" {
        Some(0)
    } else {
        status3(b)
    }
}

const ALB_TYPES: [&[u8]; 6] = [b"http", b"https", b"h2", b"grpcs", b"ws", b"wss"];

/// AWS Application Load Balancer.
pub(crate) fn alb<'a>(
    line: &'a [u8],
    cache: &mut TimeCache,
    all_paths: bool,
) -> Result<Record<'a>, Malformed> {
    let mut f = [&b""[..]; MAX_FIELDS];
    // Nothing after `error_reason` (the 25th field) is read: 25 fields tell all that `n` must.
    let n = fields_upto(line, &mut f, 25);
    if !ALB_TYPES.contains(&f[0]) {
        return Err("not an ALB line (type is not http, https, h2, grpcs, ws or wss)");
    }
    if n < 13 {
        return Err("fewer fields than an ALB line has");
    }
    let time = iso_time(f[1], cache);
    if time.is_none() {
        return Err("ALB time is not ISO 8601");
    }
    let status = status_or_dash(f[8]).ok_or("ALB elb_status_code is not three digits")?;
    let target = f[9];
    status_or_dash(target).ok_or("ALB target_status_code is not three digits")?;
    let error_reason = if n > 24 { present(f[24]) } else { None };
    let cause = match error_reason {
        Some(reason) => Some(Cause {
            kind: CauseKind::AlbErrorReason,
            value: reason,
        }),
        None => Some(Cause {
            kind: CauseKind::AlbTarget,
            value: target,
        }),
    };
    Ok(Record {
        status,
        path: wanted(all_paths, status)
            .then(|| request_url_path(f[12]))
            .flatten(),
        client: host_of(f[3]),
        time,
        cause,
        ..Record::default()
    })
}

/// The bytes of the numbers the load balancers write (`0.000086`, `-1`): digits, `.` and `-`.
const NUMBER: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = b'0';
    while c <= b'9' {
        t[c as usize] = true;
        c += 1;
    }
    t[b'.' as usize] = true;
    t[b'-' as usize] = true;
    t
};

/// Classic Elastic Load Balancer.
pub(crate) fn elb<'a>(
    line: &'a [u8],
    cache: &mut TimeCache,
    all_paths: bool,
) -> Result<Record<'a>, Malformed> {
    let mut f = [&b""[..]; MAX_FIELDS];
    // Nothing after the request (the 12th field) is read.
    let n = fields_upto(line, &mut f, 12);
    if n < 12 {
        return Err("fewer fields than a Classic ELB line has");
    }
    // A date and time (`2015-05-13T23:39:43.945958Z`, not a date alone), `client:port`, and three
    // processing times (numbers, `-1` when the backend was never reached): a damaged line of
    // another log, such as an IIS line with NUL bytes, is not taken for a connection.
    let time = iso_time(f[0], cache);
    // Every byte looked up, none branched on: the values are a few bytes each.
    let number =
        |b: &[u8]| !b.is_empty() && b.iter().fold(true, |ok, c| ok & NUMBER[usize::from(*c)]);
    let colon = f[2].iter().rposition(|c| *c == b':');
    if time.is_none()
        || f[0].get(10) != Some(&b'T')
        || !colon.is_some_and(|i| i > 0 && number(&f[2][i + 1..]))
        || !f[4..7].iter().all(|t| number(t))
    {
        return Err("not a Classic ELB line (time, name, client:port ...)");
    }
    let client = host_before(f[2], colon);
    if f[7] == b"-"
        && f[8] == b"-"
        && f[11]
            .trim_ascii()
            .split(|c| *c == b' ')
            .all(|p| p == b"-" || p.is_empty())
    {
        // A TCP or SSL listener: a connection, not an HTTP request.
        return Ok(Record {
            kind: Some(Kind::Connection),
            client,
            time,
            reason: Some(b"Classic ELB TCP/SSL connection"),
            ..Record::default()
        });
    }
    let status = status_or_dash(f[7]).ok_or("Classic ELB elb_status_code is not three digits")?;
    status_or_dash(f[8]).ok_or("Classic ELB backend_status_code is not three digits")?;
    Ok(Record {
        status,
        path: wanted(all_paths, status)
            .then(|| request_url_path(f[11]))
            .flatten(),
        client,
        time,
        cause: Some(Cause {
            kind: CauseKind::AlbTarget,
            value: f[8],
        }),
        ..Record::default()
    })
}

/// Network Load Balancer TLS listener logs: connections, not HTTP requests.
pub(crate) fn nlb<'a>(line: &'a [u8], cache: &mut TimeCache) -> Result<Record<'a>, Malformed> {
    let mut f = [&b""[..]; MAX_FIELDS];
    // Nothing after the 16th field is read.
    let n = fields_upto(line, &mut f, 16);
    if f[0] != b"tls" || n < 16 {
        return Err("not an NLB TLS line");
    }
    let time = iso_time(f[2], cache);
    if time.is_none() {
        return Err("NLB time is not ISO 8601");
    }
    // No handshake time: the TLS handshake did not complete.
    let reason: &[u8] = if f[8] == b"-" {
        b"TLS handshake not completed"
    } else {
        present(f[15]).unwrap_or(b"-")
    };
    Ok(Record {
        kind: Some(Kind::Connection),
        client: host_of(f[5]),
        time,
        reason: Some(reason),
        ..Record::default()
    })
}

/// Nothing after `x-edge-detailed-result-type` (the 29th value) is read.
const CLOUDFRONT_FIELDS: usize = 29;

/// The first `max` (at most `MAX_FIELDS`) tab-separated values of a line, as
/// `line.split(|c| *c == b'\t')` gives them (a value may hold spaces; empty values count), each
/// end found in place; returns how many.
pub(crate) fn tab_fields<'a>(
    line: &'a [u8],
    out: &mut [&'a [u8]; MAX_FIELDS],
    max: usize,
) -> usize {
    let max = max.min(MAX_FIELDS);
    let mut n = 0;
    let mut at = 0;
    while n < max {
        let rest = &line[at..];
        match find_near(rest, b'\t') {
            Some(i) => {
                out[n] = &rest[..i];
                at += i + 1;
            }
            None => {
                out[n] = rest;
                return n + 1;
            }
        }
        n += 1;
    }
    n
}

/// CloudFront standard (legacy) logs: tab-separated.
pub(crate) fn cloudfront<'a>(
    line: &'a [u8],
    cache: &mut TimeCache,
    all_paths: bool,
) -> Result<Record<'a>, Malformed> {
    let mut f = [&b""[..]; MAX_FIELDS];
    let n = tab_fields(line, &mut f, CLOUDFRONT_FIELDS);
    if n < 15 {
        return Err("fewer tab-separated fields than a CloudFront line has");
    }
    let time = cache.get(f[0], f[1], |d, t| {
        w3c_in_place(d, t).unwrap_or_else(|| time::parse_w3c(d, t))
    });
    if time.is_none() {
        return Err("CloudFront date or time unreadable");
    }
    let status = status3(f[8]).ok_or("CloudFront sc-status is not three digits")?;
    let cause = (n > 28)
        .then(|| present(f[28]))
        .flatten()
        .map(|value| Cause {
            kind: CauseKind::CloudFrontResult,
            value,
        });
    Ok(Record {
        status,
        path: wanted(all_paths, status).then(|| present(f[7])).flatten(),
        client: present(f[4]),
        time,
        cause,
        ..Record::default()
    })
}

/// S3 server access logs.
pub(crate) fn s3<'a>(
    line: &'a [u8],
    cache: &mut TimeCache,
    all_paths: bool,
) -> Result<Record<'a>, Malformed> {
    let mut f = [&b""[..]; MAX_FIELDS];
    // Nothing after the 12th field is read.
    let n = fields_upto(line, &mut f, 12);
    if n < 12 {
        return Err("fewer fields than an S3 access log line has");
    }
    let op = f[6];
    if !(op.starts_with(b"REST.")
        || op.starts_with(b"WEBSITE.")
        || op.starts_with(b"BATCH.")
        || op.starts_with(b"S3."))
    {
        return Err("not an S3 access log line (operation is not REST.*, WEBSITE.* ...)");
    }
    let time = cache.get(f[2], b"", |a, _| time::parse_clf(a));
    if time.is_none() {
        return Err("S3 [time] unreadable");
    }
    let status = status_or_dash(f[9]).ok_or("S3 HTTP status is not three digits")?;
    Ok(Record {
        status,
        path: wanted(all_paths, status)
            .then(|| request_path(f[8]).0)
            .flatten(),
        client: present(f[3]),
        time,
        cause: present(f[10]).map(|value| Cause {
            kind: CauseKind::S3Error,
            value,
        }),
        ..Record::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    type Seen<'a> = (u16, Option<&'a [u8]>, Option<&'a [u8]>, Option<&'a [u8]>);

    fn seen<'a>(r: &Record<'a>) -> Seen<'a> {
        (r.status, r.path, r.client, r.cause.map(|c| c.value))
    }

    #[test]
    fn splitting() {
        let mut f = [&b""[..]; MAX_FIELDS];
        let n = fields(br#"a "b c" [d e] "x\"y" -"#, &mut f);
        assert_eq!(&f[..n], &[&b"a"[..], b"b c", b"d e", br#"x\"y"#, b"-"]);
        assert_eq!(fields_upto(br#"a "b c" [d e] "x\"y" -"#, &mut f, 2), 2);
        assert_eq!(&f[..2], &[&b"a"[..], b"b c"]);
        // Long unquoted fields: their end lies past the bytes searched in place.
        let long = format!("{} {} z", "x".repeat(70), "y".repeat(9));
        let n = fields(long.as_bytes(), &mut f);
        assert_eq!(n, 3);
        assert_eq!((f[0].len(), f[1].len(), f[2]), (70, 9, &b"z"[..]));
        assert_eq!(
            url_path(b"https://h.example:443/a/b?x=1"),
            Some(&b"/a/b"[..])
        );
        assert_eq!(url_path(b"https://h.example:443"), Some(&b"/"[..]));
        assert_eq!(host_of(b"10.0.0.1:443"), Some(&b"10.0.0.1"[..]));
        assert_eq!(host_of(b"[2001:db8::1]:443"), Some(&b"2001:db8::1"[..]));
        assert_eq!(host_of(b"2001:db8::1"), Some(&b"2001:db8::1"[..]));
        assert_eq!(host_of(b"10.0.0.1"), Some(&b"10.0.0.1"[..]));
        assert_eq!(host_of(b":443"), Some(&b""[..]));
        assert_eq!(host_of(b"-"), None);
    }

    /// Texts around the in-place layouts: each must read as `time::parse_iso`/`parse_clf` do.
    fn time_texts() -> Vec<String> {
        let mut v = Vec::new();
        for date in [
            "2024-03-01",
            "1970-01-01",
            "0000-01-01",
            "9999-12-31",
            "2024-02-30",
            "2024-13-01",
            "2024-00-10",
            "2024-01-32",
            "2024-01-00",
            "20x4-01-01",
            "2024-1-011",
        ] {
            for clock in [
                "11:00:01", "00:00:00", "24:00:00", "23:59:60", "23:60:00", "25:00:00", "1a:00:00",
                "11:00:1-", "11-00:01",
            ] {
                for tail in [
                    "",
                    "Z",
                    "z",
                    ".000001Z",
                    ".5",
                    ".123456789Z",
                    ".Z",
                    ".",
                    ".12a4Z",
                    ".12-4Z",
                    "+02:00",
                    ".5+02:00",
                    "Z ",
                    " ",
                ] {
                    v.push(format!("{date}T{clock}{tail}"));
                    v.push(format!("{date} {clock}{tail}"));
                }
            }
        }
        v
    }

    /// Checks that `fast` reads every text as `general` does; returns how many of them the
    /// in-place reader took (so that a test sees it was used).
    fn agrees(
        texts: &[String],
        in_place: impl Fn(&[u8]) -> bool,
        fast: impl Fn(&[u8]) -> Option<i64>,
        general: impl Fn(&[u8]) -> Option<i64>,
    ) -> usize {
        let mut read = 0;
        for text in texts {
            let b = text.as_bytes();
            read += usize::from(in_place(b));
            assert_eq!(fast(b), general(b), "{text}");
        }
        read
    }

    #[test]
    fn iso_time_reads_as_parse_iso() {
        let read = agrees(
            &time_texts(),
            |b| iso_in_place(b).is_some(),
            |b| iso_time(b, &mut TimeCache::default()),
            time::parse_iso,
        );
        assert!(read > 300, "{read}");
        assert_eq!(
            iso_time(b"2024-03-01T11:00:01.000001Z", &mut TimeCache::default()),
            Some(1_709_290_801)
        );
        // One cache for every text, in order and from the end: the day it keeps from the text
        // before never changes an answer.
        let texts = time_texts();
        let mut cache = TimeCache::default();
        for text in texts.iter().chain(texts.iter().rev()) {
            let got = iso_time(text.as_bytes(), &mut cache);
            assert_eq!(got, time::parse_iso(text.as_bytes()), "{text}");
        }
    }

    #[test]
    fn iso_days_reads_as_parse_iso() {
        let mut texts = time_texts();
        for tail in [
            "+00:00", "-07:30", "+99:99", "+0a:00", "+07:0", "+0700", "Z+07:00", "++07:00",
        ] {
            for text in [
                "2024-03-01T11:00:01",
                "2024-03-01T11:00:01.25",
                "2024-02-30T11:00:01",
            ] {
                texts.push(format!("{text}{tail}"));
            }
        }
        let mut days = Days::default();
        let (mut read, mut offsets) = (0, 0);
        // In order (the same date many times over) and from the end (a new date each time).
        for text in texts.iter().chain(texts.iter().rev()) {
            let b = text.as_bytes();
            let got = iso_days(b, &mut days);
            read += usize::from(got.is_some());
            offsets += usize::from(got.flatten().is_some() && iso_in_place(b).is_none());
            // Where it gives a time, `parse_iso` gives the same; where it cannot tell, the
            // caller asks `parse_iso` (through `parse_any`).
            if let Some(Some(t)) = got {
                assert_eq!(Some(t), time::parse_iso(b), "{text}");
            } else if got.is_some() {
                assert_eq!(time::parse_iso(b), None, "{text}");
            }
            // Without offsets, what `iso_in_place` gives; a fresh cache gives the same.
            if iso_in_place(b).is_some() {
                assert_eq!(got, iso_in_place(b), "{text}");
            }
            assert_eq!(iso_days(b, &mut Days::default()), got, "{text}");
        }
        assert!(read > 600 && offsets > 50, "{read} {offsets}");
    }

    #[test]
    fn w3c_time_reads_as_parse_w3c() {
        let mut read = 0;
        for text in time_texts() {
            // `date` and `clock` as two values: the text's first 10 bytes and the rest.
            let (date, clock) = text.split_at(10.min(text.len()));
            let clock = clock.get(1..).unwrap_or("");
            let (d, c) = (date.as_bytes(), clock.as_bytes());
            let fast = w3c_in_place(d, c);
            read += usize::from(fast.is_some());
            assert_eq!(
                fast.unwrap_or_else(|| time::parse_w3c(d, c)),
                time::parse_w3c(d, c),
                "{text}"
            );
        }
        assert!(read > 100, "{read}");
    }

    #[test]
    fn clf_time_reads_as_parse_clf() {
        let mut texts = Vec::new();
        for day in ["01", "31", "00", "32", "1x", "7 "] {
            for month in ["Mar", "mar", "MAR", "Feb", "Dec", "Jan", "Mrz", "M r"] {
                for year in ["2024", "0000", "9999", "20 4"] {
                    for clock in ["15:00:01", "24:00:00", "23:59:60", "23:60:00", "1a:00:00"] {
                        for tail in [
                            ".655",
                            ".0",
                            ".",
                            ".65a",
                            ".65 ",
                            "",
                            " +0000",
                            ".655 +0200",
                        ] {
                            texts.push(format!("{day}/{month}/{year}:{clock}{tail}"));
                        }
                    }
                }
            }
        }
        let read = agrees(
            &texts,
            |b| b.get(..20).and_then(clf_in_place).is_some(),
            |b| clf_time(b, &mut TimeCache::default()),
            time::parse_clf,
        );
        assert!(read > 1000, "{read}");
        // One cache for every text, in order and from the end: a whole second cached from one
        // text never changes the answer for another.
        let mut cache = TimeCache::default();
        for text in texts.iter().chain(texts.iter().rev()) {
            let b = text.as_bytes();
            assert_eq!(clf_time(b, &mut cache), time::parse_clf(b), "{text}");
        }
    }

    /// The splitter as it was before the space after a value was skipped at once.
    fn fields_reference(line: &[u8], max: usize) -> Vec<&[u8]> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < line.len() && out.len() < max {
            match line[i] {
                b' ' => {
                    i += 1;
                    continue;
                }
                b'"' => {
                    let body = &line[i + 1..];
                    let end = crate::ncsa::closing_quote(body).unwrap_or(body.len());
                    out.push(&body[..end]);
                    i += end + 2;
                }
                b'[' => {
                    let body = &line[i + 1..];
                    let end = memchr(b']', body).unwrap_or(body.len());
                    out.push(&body[..end]);
                    i += end + 2;
                }
                _ => {
                    let end = memchr(b' ', &line[i..]).map_or(line.len(), |e| i + e);
                    out.push(&line[i..end]);
                    i = end;
                }
            }
        }
        out
    }

    #[test]
    fn splitting_agrees_with_the_reference() {
        let mut f = [&b""[..]; MAX_FIELDS];
        for line in [
            &b""[..],
            b" ",
            b"a",
            b"a ",
            b"a  b",
            b"  a b  ",
            br#""q"x y"#,
            br#""q" x"#,
            br#""q"  x"#,
            br#""unterminated"#,
            br#"a "b \" c" d"#,
            b"[d e]f g",
            b"[d e] f",
            b"[open",
            br#"x "" [] y"#,
        ] {
            for max in [1, 2, 3, MAX_FIELDS] {
                let n = fields_upto(line, &mut f, max);
                assert_eq!(&f[..n], &fields_reference(line, max)[..], "{line:?} {max}");
            }
        }
    }

    proptest::proptest! {
        /// Lines up to 300 bytes of short values, quotes (escaped too), brackets and runs of
        /// spaces: the values fall anywhere against the 64-byte windows of the fast path.
        #[test]
        fn splitting_long_lines_agrees_with_the_reference(
            line in proptest::collection::vec(
                proptest::sample::select(
                    vec![b' ', b' ', b' ', b'a', b'b', b'1', b'"', b'\\', b'[', b']', b' ' | 0x80],
                ),
                0..300,
            ),
            max in 1usize..=MAX_FIELDS,
        ) {
            let mut f = [&b""[..]; MAX_FIELDS];
            let n = fields_upto(&line, &mut f, max);
            proptest::prop_assert_eq!(&f[..n], &fields_reference(&line, max)[..]);
        }
    }

    #[test]
    fn tab_splitting() {
        let mut f = [&b""[..]; MAX_FIELDS];
        for line in [
            &b""[..],
            b"a",
            b"a\tb",
            b"a\t\tb\t",
            b"\t",
            b"2024-03-01\t13:00:01\t198.51.100.1, 203.0.113.5\tx",
        ] {
            let want: Vec<&[u8]> = line.split(|c| *c == b'\t').collect();
            let n = tab_fields(line, &mut f, MAX_FIELDS);
            assert_eq!(&f[..n], &want[..], "{line:?}");
            // Cut short: the last value kept still ends at its tab.
            let n = tab_fields(line, &mut f, 2);
            assert_eq!(&f[..n], &want[..want.len().min(2)], "{line:?}");
        }
        let long = format!("{}\t{}\tz", "x".repeat(70), "y y".repeat(30));
        let n = tab_fields(long.as_bytes(), &mut f, MAX_FIELDS);
        assert_eq!((n, f[0].len(), f[1].len(), f[2]), (3, 70, 90, &b"z"[..]));
    }

    #[test]
    fn urls() {
        for (url, path) in [
            ("https://h.example:443/a/b?x=1", Some("/a/b")),
            ("http://h.example/a", Some("/a")),
            ("http://h.example", Some("/")),
            ("ws://h/x#f", Some("/x")),
            ("/plain?q", Some("/plain")),
            ("https://", Some("/")),
            ("-", None),
            ("", None),
        ] {
            assert_eq!(url_path(url.as_bytes()), path.map(str::as_bytes), "{url}");
        }
    }

    #[test]
    fn elb_nlb_s3_cloudfront_lines() {
        let mut c = TimeCache::default();
        let r = elb(br#"2024-03-01T11:00:03.000003Z my-classic-lb 192.0.2.32:2819 10.0.0.2:80 -1 -1 -1 504 0 0 0 "GET http://www.example.com:80/report HTTP/1.1" "Mozilla/5.0" - -"#, &mut c, true);
        assert_eq!(
            r.as_ref().map(seen).map_err(|e| *e),
            Ok((
                504,
                Some(&b"/report"[..]),
                Some(&b"192.0.2.32"[..]),
                Some(&b"0"[..])
            ))
        );
        assert_eq!(r.map(|r| r.time), Ok(Some(1_709_290_803)));
        // Too few fields, with the request quoted.
        assert!(elb(
            br#"2024-03-01T11:00:03Z lb 1.2.3.4:1 - 1 "GET / HTTP/1.1""#,
            &mut c,
            true
        )
        .is_err());
        let r = nlb(b"tls 2.0 2024-03-01T12:00:01 net/my-nlb/c6e77e28c25b2234 g3d4b5e8bb8464cd 192.0.2.40:51341 10.0.2.7:443 5 - 98 246 - arn - ECDHE-RSA-AES128-SHA tlsv12 - x - - - 2024-03-01T12:00:01", &mut c);
        assert_eq!(
            r.map(|r| (r.client, r.reason, r.time)),
            Ok((
                Some(&b"192.0.2.40"[..]),
                Some(&b"TLS handshake not completed"[..]),
                Some(1_709_294_401)
            ))
        );
        let r = s3(br#"79a5 awsexamplebucket1 [06/Feb/2019:00:00:38 +0000] 192.0.2.3 79a5 3E57427F3EXAMPLE REST.GET.OBJECT photos/a.jpg "GET /awsexamplebucket1/photos/a.jpg?x=1 HTTP/1.1" 404 NoSuchKey 243 - 2 - "-" "curl" -"#, &mut c, true);
        assert_eq!(
            r.as_ref().map(seen).map_err(|e| *e),
            Ok((
                404,
                Some(&b"/awsexamplebucket1/photos/a.jpg"[..]),
                Some(&b"192.0.2.3"[..]),
                Some(&b"NoSuchKey"[..])
            ))
        );
        // CloudFront: a value with spaces (x-forwarded-for), the cause in the 29th value; a
        // line cut before it has no cause; one with too few values is refused.
        let mut values: Vec<String> = (0..33).map(|i| format!("v{i}")).collect();
        values[0] = "2024-03-01".into();
        values[1] = "13:00:02".into();
        values[4] = "192.0.2.51".into();
        values[7] = "/app.js".into();
        values[8] = "502".into();
        values[19] = "198.51.100.1, 203.0.113.5".into();
        values[28] = "OriginConnectError".into();
        let line = values.join("\t");
        let r = cloudfront(line.as_bytes(), &mut c, true);
        assert_eq!(
            r.as_ref().map(seen).map_err(|e| *e),
            Ok((
                502,
                Some(&b"/app.js"[..]),
                Some(&b"192.0.2.51"[..]),
                Some(&b"OriginConnectError"[..])
            ))
        );
        let short = values[..28].join("\t");
        assert_eq!(
            cloudfront(short.as_bytes(), &mut c, true).map(|r| r.cause),
            Ok(None)
        );
        assert!(cloudfront(values[..14].join("\t").as_bytes(), &mut c, true).is_err());
    }

    #[test]
    fn alb_lines() {
        let mut c = TimeCache::default();
        let line = br#"https 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.086 0.048 0.037 502 - 34 366 "GET https://www.example.com:443/api/x?y=1 HTTP/1.1" "curl/7.46.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337281-1d84f3d73c47ec4e58577259" "www.example.com" "arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012" 1 2018-07-02T22:22:48.364000Z "forward" "-" "LambdaUnhandled" "10.0.0.1:80" "-" "-" "-""#;
        let r = alb(line, &mut c, true).map_err(str::to_string);
        assert_eq!(
            r.as_ref().map(seen),
            Ok((
                502,
                Some(&b"/api/x"[..]),
                Some(&b"192.168.131.39"[..]),
                Some(&b"LambdaUnhandled"[..])
            ))
        );
        assert!(alb(b"tcp 2018-07-02T22:23:00Z x", &mut c, true).is_err());
    }
}
