//! NCSA Common and Combined Log Format, as nginx and Apache write them, with their usual variants:
//! a virtual-host prefix (`%v` / `$host`), trailing fields after the user agent (request time,
//! X-Forwarded-For, upstream fields), escaped quotes inside quoted fields (`\"`, nginx `\x22`), a
//! bare `"-"` request and `-` byte counts.
//!
//! `host ident user [time] "request" status bytes ["referer" "user-agent" ...]`
//!
//! Only what the report needs is read: the client, the time, the request path and the status.
//! Everything after the status is ignored, so any trailing fields are accepted.

use memchr::memchr;

use crate::record::{find_near, present, status3, Malformed, Record};
use crate::summary::is_error;
use crate::time::{self, TimeCache};

/// [`parse_with`] reading every path (the tests' way).
#[cfg(test)]
pub(crate) fn parse<'a>(line: &'a [u8], cache: &mut TimeCache) -> Result<Record<'a>, Malformed> {
    parse_with(line, cache, true)
}

/// Parses one line (without its line end), reading the request path only when the report can
/// use it: for error codes (their top paths, the scanner patterns), or for every line when
/// `all_paths` (a `--path` filter).
/// Nine lines in ten are 2xx and 3xx: their path is never looked at.
#[inline]
pub(crate) fn parse_with<'a>(
    line: &'a [u8],
    cache: &mut TimeCache,
    all_paths: bool,
) -> Result<Record<'a>, Malformed> {
    let open = find_near(line, b'[').ok_or("no [time] field")?;
    // `[17/May/2015:10:05:03 +0000]` is 28 bytes: check there before searching.
    let close = match line.get(open + 27) {
        Some(b']') => open + 27,
        _ => open + 1 + memchr(b']', &line[open + 1..]).ok_or("unterminated [time] field")?,
    };
    let client = client(&line[..open]);
    let stamp = &line[open + 1..close];
    let rest = &line[close + 1..];
    let q = match rest {
        [b' ', b'"', ..] => 1,
        _ => {
            let q = memchr(b'"', rest).ok_or("no quoted request field")?;
            if rest[..q].iter().any(|c| *c != b' ') {
                return Err("unexpected text between [time] and the request");
            }
            q
        }
    };
    let body = &rest[q + 1..];
    let end = closing_quote(body).ok_or("unterminated request field")?;
    let request = &body[..end];
    let after = &body[end + 1..];
    let after = after
        .strip_prefix(b" ")
        .ok_or("no status after the request")?;
    let sp = match after.get(3) {
        Some(b' ') | None => after.len().min(3),
        Some(_) => memchr(b' ', after).unwrap_or(after.len()),
    };
    let status = status3(&after[..sp]).ok_or("status is not three digits")?;
    let time = cache.get(stamp, b"", |a, _| time::parse_clf(a));
    if time.is_none() && stamp != b"-" {
        return Err("unreadable [time] field");
    }
    let (path, tls) = if all_paths || is_error(status) {
        request_path(request)
    } else {
        (None, is_tls(request))
    };
    Ok(Record {
        status,
        path,
        client,
        time,
        tls,
        ..Record::default()
    })
}

/// The end of a quoted field: the first `"` not escaped by a backslash.
#[inline]
pub(crate) fn closing_quote(body: &[u8]) -> Option<usize> {
    let mut from = 0;
    loop {
        let i = from + find_near(&body[from..], b'"')?;
        let backslashes = body[..i].iter().rev().take_while(|c| **c == b'\\').count();
        if backslashes % 2 == 0 {
            return Some(i);
        }
        from = i + 1;
    }
}

/// The client: the third field from the end before `[` (`host ident user`), so a virtual-host
/// prefix (`vhost:port host ident user`) is skipped. Nearly every line is `host - - `: that is
/// checked first; otherwise the fields are split (the prefix is short: a plain loop beats
/// searching from the end).
#[inline]
fn client(prefix: &[u8]) -> Option<&[u8]> {
    let mut end = prefix.len();
    while end > 0 && prefix[end - 1] == b' ' {
        end -= 1;
    }
    let p = &prefix[..end];
    // Compared as a 4-byte array: a slice comparison would call `memcmp`.
    if let Some(cut) = p.len().checked_sub(4) {
        let host = &p[..cut];
        if <[u8; 4]>::try_from(&p[cut..]).ok() == Some(*b" - -")
            && !host.is_empty()
            && !has_space(host)
        {
            return present(host);
        }
    }
    // Field boundaries: where each of the (at most 8 first) fields starts and ends.
    let mut starts = [0usize; 8];
    let mut ends = [0usize; 8];
    let mut n = 0;
    let mut i = 0;
    while i < p.len() && n < 8 {
        while i < p.len() && p[i] == b' ' {
            i += 1;
        }
        starts[n] = i;
        while i < p.len() && p[i] != b' ' {
            i += 1;
        }
        ends[n] = i;
        n += 1;
    }
    let k = n.saturating_sub(3);
    (n > 0).then(|| &p[starts[k]..ends[k]]).and_then(present)
}

/// Whether `b` holds a space, eight bytes at a time (a host is 7 to 39 bytes: a call to a vector
/// search costs more than the search).
#[inline]
fn has_space(b: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        let x = u64::from_le_bytes(w) ^ (ONES * u64::from(b' '));
        // Some byte of `x` is zero (exact as a test of existence).
        if x.wrapping_sub(ONES) & !x & (ONES << 7) != 0 {
            return true;
        }
    }
    // The last bytes: the last eight of `b` again (a byte looked at twice changes nothing), or
    // each byte when `b` is shorter than eight (no call to `memchr`, as `contains` makes).
    match b.len().checked_sub(8) {
        Some(at) if !chunks.remainder().is_empty() => {
            let x =
                u64::from_le_bytes(b[at..].try_into().unwrap_or([0; 8])) ^ (ONES * u64::from(b' '));
            x.wrapping_sub(ONES) & !x & (ONES << 7) != 0
        }
        Some(_) => false,
        None => b.iter().fold(false, |found, c| found | (*c == b' ')),
    }
}

/// A TLS ClientHello logged by nginx as a request line (`\\x16\\x03...`, or the raw bytes).
#[inline]
fn is_tls(request: &[u8]) -> bool {
    request.starts_with(b"\\x16\\x03") || request.starts_with(&[0x16, 0x03])
}

/// The path of a request line `METHOD target HTTP/x`. `"-"` and garbage give no path; a TLS
/// ClientHello logged by nginx (`\x16\x03\x01...`) is flagged.
pub(crate) fn request_path(request: &[u8]) -> (Option<&[u8]>, bool) {
    if is_tls(request) {
        return (None, true);
    }
    // The method and the path are short: plain loops beat vector searches. The path ends at the
    // first space, `?` or `#` (the query string and fragment are dropped, as `strip_query`).
    let Some(sp) = request.iter().position(|c| *c == b' ') else {
        return (None, false);
    };
    let target = &request[sp + 1..];
    let end = target
        .iter()
        .position(|c| matches!(c, b' ' | b'?' | b'#'))
        .unwrap_or(target.len());
    (present(&target[..end]), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(line: &str) -> Record<'_> {
        parse(line.as_bytes(), &mut TimeCache::default()).unwrap_or_else(|e| panic!("{line}: {e}"))
    }

    #[test]
    fn combined() {
        let r = ok(
            r#"83.149.9.216 - - [17/May/2015:10:05:03 +0000] "GET /a/b.png?x=1 HTTP/1.1" 200 203023 "http://x/" "Mozilla/5.0""#,
        );
        assert_eq!(r.status, 200);
        assert_eq!(r.path, Some(&b"/a/b.png"[..]));
        assert_eq!(r.client, Some(&b"83.149.9.216"[..]));
        assert_eq!(r.time, Some(1_431_857_103));
    }

    #[test]
    fn variants() {
        // Common, `-` bytes.
        assert_eq!(
            ok(r#"h - - [17/May/2015:10:05:03 +0000] "GET / HTTP/1.0" 304 -"#).status,
            304
        );
        // Virtual-host prefix.
        let r = ok(
            r#"www.example.com:443 10.0.0.1 - bob [17/May/2015:10:05:03 +0000] "GET /x HTTP/1.1" 404 12 "-" "-""#,
        );
        assert_eq!((r.status, r.client), (404, Some(&b"10.0.0.1"[..])));
        // Escaped quotes inside the request and the user agent.
        let r =
            ok(r#"h - - [17/May/2015:10:05:03 +0000] "GET /q\"x HTTP/1.1" 400 0 "-" "a \"b\" c""#);
        assert_eq!((r.status, r.path), (400, Some(&br#"/q\"x"#[..])));
        // A bare "-" request.
        let r = ok(r#"h - - [17/May/2015:10:05:03 +0000] "-" 408 0 "-" "-""#);
        assert_eq!((r.status, r.path), (408, None));
        // Trailing fields: request time, X-Forwarded-For, upstream.
        let r = ok(
            r#"h - - [17/May/2015:10:05:03 +0000] "POST /api HTTP/2.0" 502 150 "-" "ua" 0.003 "1.1.1.1, 2.2.2.2" 10.0.0.5:8080 502 0.002"#,
        );
        assert_eq!(r.status, 502);
        // nginx's escaped TLS handshake.
        let r =
            ok(r#"h - - [17/May/2015:10:05:03 +0000] "\x16\x03\x01\x00\xF1\x01" 400 157 "-" "-""#);
        assert!(r.tls);
        assert_eq!(r.status, 400);
    }

    #[test]
    fn spaces_found_anywhere() {
        let text = b"0123456789abcdefghij";
        assert!(!has_space(text) && !has_space(b""));
        for i in 0..text.len() {
            let mut t = text.to_vec();
            t[i] = b' ';
            assert!(has_space(&t), "{i}");
            assert!(!has_space(&t[..i]), "{i}");
        }
        // Bytes next to a space in value, or with its bits: none is one.
        assert!(!has_space(b"\xa0!\x1f\x00\xff\x21\x40\x60\x10"));
    }

    #[test]
    fn client_fast_path_and_fields() {
        for (prefix, want) in [
            ("1.2.3.4 - - ", Some("1.2.3.4")),
            ("1.2.3.4  -   -  ", Some("1.2.3.4")),
            ("vh.example:443 1.2.3.4 - - ", Some("1.2.3.4")),
            ("1.2.3.4 - frank ", Some("1.2.3.4")),
            ("vh:80 1.2.3.4 ident frank ", Some("1.2.3.4")),
            ("- - - ", None),
            (" - - ", None),
            ("1.2.3.4 ", Some("1.2.3.4")),
            ("", None),
        ] {
            assert_eq!(
                client(prefix.as_bytes()),
                want.map(str::as_bytes),
                "{prefix:?}"
            );
        }
    }

    #[test]
    fn request_path_cuts_at_space_query_or_fragment() {
        for (request, path) in [
            ("GET /a/b?x=1 HTTP/1.1", Some("/a/b")),
            ("GET /a#f?x HTTP/1.1", Some("/a")),
            ("GET /a HTTP/1.1?x", Some("/a")),
            ("GET http://h/p?q", Some("http://h/p")),
            ("GET  /double HTTP/1.1", None),
            ("GET ?x HTTP/1.1", None),
            ("GET - HTTP/1.1", None),
            ("GET /only", Some("/only")),
            ("-", None),
            ("", None),
        ] {
            let got = request_path(request.as_bytes());
            assert_eq!(got, (path.map(str::as_bytes), false), "{request}");
        }
    }

    #[test]
    fn malformed() {
        for line in [
            "",
            "garbage",
            r#"h - - [17/May/2015:10:05:03 +0000 "GET / HTTP/1.1" 200 1"#,
            r#"h - - [17/May/2015:10:05:03 +0000] "GET / HTTP/1.1 200 1"#,
            r#"h - - [17/May/2015:10:05:03 +0000] "GET / HTTP/1.1" 2000 1"#,
            r#"h - - [17/May/2015:10:05:03 +0000] "GET / HTTP/1.1" OK 1"#,
            r#"h - - [yesterday] "GET / HTTP/1.1" 200 1"#,
        ] {
            assert!(
                parse(line.as_bytes(), &mut TimeCache::default()).is_err(),
                "{line}"
            );
        }
    }
}
