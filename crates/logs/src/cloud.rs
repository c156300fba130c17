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
use crate::time::{self, TimeCache};

/// At most this many space-separated fields are looked at.
const MAX_FIELDS: usize = 32;

/// Splits a line into fields separated by single spaces; a field starting with `"` runs to the
/// closing quote (a backslash escapes), a field starting with `[` to the closing `]`. Quotes
/// and brackets are dropped. Returns how many fields were found (at most `MAX_FIELDS`).
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
    while i < line.len() && n < max {
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
            }
            b'[' => {
                let body = &line[i + 1..];
                let end = memchr(b']', body).unwrap_or(body.len());
                out[n] = &body[..end];
                i += end + 2;
            }
            _ => {
                let end = find_near(&line[i..], b' ').map_or(line.len(), |e| i + e);
                out[n] = &line[i..end];
                i = end;
            }
        }
        n += 1;
    }
    n
}

/// The path of an absolute URL (`https://host:443/a/b?x` → `/a/b`), or of a path.
pub(crate) fn url_path(target: &[u8]) -> Option<&[u8]> {
    let t = strip_query(target);
    let t = match memchr::memmem::find(t, b"://") {
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

/// The path of a request line whose target is an absolute URL.
fn request_url_path(request: &[u8]) -> Option<&[u8]> {
    let sp = memchr(b' ', request)?;
    let target = &request[sp + 1..];
    let end = memchr(b' ', target).unwrap_or(target.len());
    url_path(&target[..end])
}

/// `ip:port` → `ip` (also `[v6]:port`).
pub(crate) fn host_of(addr: &[u8]) -> Option<&[u8]> {
    let addr = present(addr)?;
    if let Some(rest) = addr.strip_prefix(b"[") {
        return memchr(b']', rest).map(|i| &rest[..i]);
    }
    match memchr::memrchr(b':', addr) {
        // One colon: IPv4 with a port. More: a bare IPv6 address.
        Some(i) if memchr(b':', &addr[..i]).is_none() => Some(&addr[..i]),
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
pub(crate) fn alb<'a>(line: &'a [u8], cache: &mut TimeCache) -> Result<Record<'a>, Malformed> {
    let mut f = [&b""[..]; MAX_FIELDS];
    // Nothing after `error_reason` (the 25th field) is read: 25 fields tell all that `n` must.
    let n = fields_upto(line, &mut f, 25);
    if !ALB_TYPES.contains(&f[0]) {
        return Err("not an ALB line (type is not http, https, h2, grpcs, ws or wss)");
    }
    if n < 13 {
        return Err("fewer fields than an ALB line has");
    }
    let time = cache.get(f[1], b"", |a, _| time::parse_iso(a));
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
        path: request_url_path(f[12]),
        client: host_of(f[3]),
        time,
        cause,
        ..Record::default()
    })
}

/// Classic Elastic Load Balancer.
pub(crate) fn elb<'a>(line: &'a [u8], cache: &mut TimeCache) -> Result<Record<'a>, Malformed> {
    let mut f = [&b""[..]; MAX_FIELDS];
    let n = fields(line, &mut f);
    if n < 12 {
        return Err("fewer fields than a Classic ELB line has");
    }
    let time = cache.get(f[0], b"", |a, _| time::parse_iso(a));
    if time.is_none() || memchr(b':', f[2]).is_none() {
        return Err("not a Classic ELB line (time, name, client:port ...)");
    }
    let client = host_of(f[2]);
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
        path: request_url_path(f[11]),
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
    let n = fields(line, &mut f);
    if f[0] != b"tls" || n < 16 {
        return Err("not an NLB TLS line");
    }
    let time = cache.get(f[2], b"", |a, _| time::parse_iso(a));
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

/// CloudFront standard (legacy) logs: tab-separated.
pub(crate) fn cloudfront<'a>(
    line: &'a [u8],
    cache: &mut TimeCache,
) -> Result<Record<'a>, Malformed> {
    let mut f = [&b""[..]; MAX_FIELDS];
    let mut n = 0;
    for v in line.split(|c| *c == b'\t') {
        if n == MAX_FIELDS {
            break;
        }
        f[n] = v;
        n += 1;
    }
    if n < 15 {
        return Err("fewer tab-separated fields than a CloudFront line has");
    }
    let time = cache.get(f[0], f[1], time::parse_w3c);
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
        path: present(f[7]),
        client: present(f[4]),
        time,
        cause,
        ..Record::default()
    })
}

/// S3 server access logs.
pub(crate) fn s3<'a>(line: &'a [u8], cache: &mut TimeCache) -> Result<Record<'a>, Malformed> {
    let mut f = [&b""[..]; MAX_FIELDS];
    let n = fields(line, &mut f);
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
        path: request_path(f[8]).0,
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
    }

    #[test]
    fn alb_lines() {
        let mut c = TimeCache::default();
        let line = br#"https 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.086 0.048 0.037 502 - 34 366 "GET https://www.example.com:443/api/x?y=1 HTTP/1.1" "curl/7.46.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337281-1d84f3d73c47ec4e58577259" "www.example.com" "arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012" 1 2018-07-02T22:22:48.364000Z "forward" "-" "LambdaUnhandled" "10.0.0.1:80" "-" "-" "-""#;
        let r = alb(line, &mut c).map_err(str::to_string);
        assert_eq!(
            r.as_ref().map(seen),
            Ok((
                502,
                Some(&b"/api/x"[..]),
                Some(&b"192.168.131.39"[..]),
                Some(&b"LambdaUnhandled"[..])
            ))
        );
        assert!(alb(b"tcp 2018-07-02T22:23:00Z x", &mut c).is_err());
    }
}
