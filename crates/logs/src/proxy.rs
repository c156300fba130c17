//! Reverse-proxy access logs, each in its documented default layout:
//!
//! - **HAProxy** HTTP logs (`option httplog`), with or without a syslog prefix:
//!   `client:port [accept_date] frontend backend/server TR/Tw/Tc/Tr/Ta status bytes
//!   req_cookie res_cookie termination_state conns queues [{captures}] "request"`. The first two
//!   letters of the termination state (`cD`, `sH`, `SC` ...) are the cause of a failure; `-1` as
//!   status means no response was sent.
//! - **Envoy**'s default access log: `[start_time] "METHOD path PROTOCOL" code flags ...`; the
//!   response flags (`UH`, `UF,URX`, `DC` ...) are the cause.
//! - **ingress-nginx**: NCSA Combined followed by `request_length request_time
//!   [upstream_name] [alternative_upstream_name] upstream_addr upstream_response_length
//!   upstream_response_time upstream_status req_id`; lists such as `502, 200` (one entry per
//!   upstream tried, `:` after an internal redirect) are kept whole as the cause.

use memchr::memchr;

use crate::cloud::wanted;
use crate::ncsa::{self, request_path};
use crate::record::{
    find_near, present, status3, word_spans, words, Cause, CauseKind, Malformed, Record,
};
use crate::time::TimeCache;

/// HAProxy HTTP log line.
pub(crate) fn haproxy<'a>(
    line: &'a [u8],
    cache: &mut TimeCache,
    all_paths: bool,
) -> Result<Record<'a>, Malformed> {
    // The accept date `[06/Feb/2009:12:14:14.655]` follows `client:port `.
    let mut from = 0;
    let open = loop {
        let i = from + find_near(&line[from..], b'[').ok_or("no HAProxy [accept_date]")?;
        let d = &line[i + 1..];
        if d.len() > 20 && d[2] == b'/' && d[6] == b'/' && d[11] == b':' {
            break i;
        }
        from = i + 1;
    };
    let before = line[..open].trim_ascii_end();
    let client = crate::cloud::host_of(match memchr::memrchr(b' ', before) {
        Some(sp) => &before[sp + 1..],
        None => before,
    });
    let close = open + find_near(&line[open..], b']').ok_or("unterminated [accept_date]")?;
    let stamp = &line[open + 1..close];
    // frontend backend/server timers status bytes req_cookie res_cookie termination_state
    let mut w = [&b""[..]; 8];
    let n = words(&line[close + 1..], &mut w);
    let [_frontend, server, timers, status, _bytes, _req_cookie, _res_cookie, term] = w;
    match n {
        0 => return Err("no HAProxy frontend"),
        1 => return Err("no HAProxy backend/server"),
        2 => return Err("no HAProxy timers"),
        _ => {}
    }
    if memchr(b'/', server).is_none() || memchr(b'/', timers).is_none() {
        return Err("not an HAProxy HTTP line (backend/server, then timers)");
    }
    if n < 4 {
        return Err("no HAProxy status");
    }
    let status = if status == b"-1" {
        0
    } else {
        status3(status).ok_or("HAProxy status is not three digits")?
    };
    if n < 8 {
        return Err("no HAProxy termination state");
    }
    if term.len() != 4 {
        return Err("HAProxy termination state is not four characters");
    }
    let time = crate::cloud::clf_time(stamp, cache);
    let path = memchr(b'"', &line[close..])
        .filter(|_| wanted(all_paths, status))
        .map(|q| &line[close + q + 1..])
        .and_then(|r| r.strip_suffix(b"\"").or(Some(r)))
        .and_then(|r| request_path(r).0);
    let cause = (&term[..2] != b"--").then(|| Cause {
        kind: CauseKind::Haproxy,
        value: &term[..2],
    });
    Ok(Record {
        status,
        path,
        client,
        time,
        cause,
        ..Record::default()
    })
}

/// Envoy default access log line.
pub(crate) fn envoy<'a>(
    line: &'a [u8],
    cache: &mut TimeCache,
    all_paths: bool,
) -> Result<Record<'a>, Malformed> {
    let body = line
        .strip_prefix(b"[")
        .ok_or("not an Envoy line (no [start_time])")?;
    let close = memchr(b']', body).ok_or("unterminated Envoy [start_time]")?;
    let stamp = &body[..close];
    let time = crate::cloud::iso_time(stamp, cache);
    if time.is_none() {
        return Err("Envoy start time is not ISO 8601");
    }
    let rest = body[close + 1..]
        .strip_prefix(b" \"")
        .ok_or("no quoted request after the Envoy start time")?;
    let end = ncsa::closing_quote(rest).ok_or("unterminated Envoy request")?;
    let request = &rest[..end];
    let mut after = rest[end + 1..]
        .split(|c| *c == b' ')
        .filter(|t| !t.is_empty());
    let code = after.next().ok_or("no Envoy response code")?;
    let status = if code == b"0" {
        0
    } else {
        status3(code).ok_or("Envoy response code is not a status")?
    };
    let flags = after.next().ok_or("no Envoy response flags")?;
    if !flags
        .iter()
        .all(|c| c.is_ascii_uppercase() || *c == b',' || *c == b'-')
    {
        return Err("Envoy response flags are not flags");
    }
    Ok(Record {
        status,
        path: wanted(all_paths, status)
            .then(|| request_path(request).0)
            .flatten(),
        time,
        cause: present(flags).map(|value| Cause {
            kind: CauseKind::EnvoyFlags,
            value,
        }),
        ..Record::default()
    })
}

/// ingress-nginx line: NCSA Combined with the upstream fields after it.
pub(crate) fn ingress_nginx<'a>(
    line: &'a [u8],
    cache: &mut TimeCache,
    all_paths: bool,
) -> Result<Record<'a>, Malformed> {
    let tail = ingress_tail(line).ok_or("no ingress-nginx [upstream] [alternative] fields")?;
    let mut record = ncsa::parse_with(line, cache, all_paths)?;
    let status_list = upstream_status(tail).ok_or("no ingress-nginx upstream status")?;
    record.cause = Some(Cause {
        kind: CauseKind::UpstreamStatus,
        value: status_list,
    });
    Ok(record)
}

/// What follows `[upstream_name] [alternative_upstream_name] `.
fn ingress_tail(line: &[u8]) -> Option<&[u8]> {
    let i = last_brackets(line)?;
    // The request and the user agent come before; the upstream names have no spaces.
    if find_near(&line[i..], b'"').is_some() {
        return None;
    }
    let j = i + 3 + find_near(&line[i + 3..], b']')?;
    Some(line[j + 1..].trim_ascii())
}

/// Where the last `] [` of a line starts (as `memmem::rfind(line, b"] [")`), found from the last
/// `[` backwards: the upstream names are near the end of the line.
fn last_brackets(line: &[u8]) -> Option<usize> {
    let mut end = line.len();
    loop {
        let j = memchr::memrchr(b'[', &line[..end])?;
        if j >= 2 && line[j - 2] == b']' && line[j - 1] == b' ' {
            return Some(j - 2);
        }
        end = j;
    }
}

/// The fourth upstream field (`$upstream_status`) from `addr len time status [req_id]`, where
/// each field may be a list joined by `, ` or ` : `: its words found at once ([`word_spans`]),
/// then grouped; a tail of more words than that takes [`upstream_status_bytewise`].
fn upstream_status(tail: &[u8]) -> Option<&[u8]> {
    let mut w = [(0, 0); 24];
    let n = word_spans(tail, &mut w);
    if n == w.len() {
        return upstream_status_bytewise(tail);
    }
    let w = &w[..n];
    let is = |k: usize, text: &[u8]| w.get(k).is_some_and(|(s, e)| &tail[*s..*e] == text);
    let mut k = 0;
    for field in 0..4 {
        let (start, mut end) = *w.get(k)?;
        k += 1;
        // Joined while the word ends with `,` or the next word is `:`.
        loop {
            if tail[end - 1] == b',' {
                if let Some((_, next)) = w.get(k) {
                    end = *next;
                    k += 1;
                    continue;
                }
            }
            match w.get(k + 1) {
                Some((_, next)) if is(k, b":") => {
                    end = *next;
                    k += 2;
                }
                _ => break,
            }
        }
        if field == 3 {
            return Some(&tail[start..end]);
        }
    }
    None
}

/// [`upstream_status`] a byte at a time: the definition, for tails of many words.
fn upstream_status_bytewise(tail: &[u8]) -> Option<&[u8]> {
    // The next word (a run of bytes other than spaces) at or after `from`: (start, end).
    let word = |from: usize| -> Option<(usize, usize)> {
        let s = from + tail[from..].iter().position(|c| *c != b' ')?;
        let e = tail[s..]
            .iter()
            .position(|c| *c == b' ')
            .map_or(tail.len(), |e| s + e);
        Some((s, e))
    };
    let mut at = 0;
    for n in 0..4 {
        let (s, mut e) = word(at)?;
        // Joined while the word ends with `,` or the next word is `:`.
        loop {
            if tail[e - 1] == b',' {
                if let Some((_, next)) = word(e) {
                    e = next;
                    continue;
                }
            }
            match word(e) {
                Some((c, after)) if &tail[c..after] == b":" => match word(after) {
                    Some((_, next)) => e = next,
                    None => break,
                },
                _ => break,
            }
        }
        if n == 3 {
            return Some(&tail[s..e]);
        }
        at = e;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn haproxy_lines() {
        let mut c = TimeCache::default();
        let r = haproxy(
            br#"Feb  6 12:14:14 localhost haproxy[14389]: 10.0.1.2:33317 [06/Feb/2009:12:14:14.655] http-in static/srv1 10/0/30/-1/+40 504 0 - - sH-- 1/1/1/1/0 0/0 {1wt.eu} {} "GET /index.html HTTP/1.1""#,
            &mut c,
            true,
        );
        let r = r.map(|r| (r.status, r.path, r.client, r.cause.map(|c| c.value)));
        assert_eq!(
            r,
            Ok((
                504,
                Some(&b"/index.html"[..]),
                Some(&b"10.0.1.2"[..]),
                Some(&b"sH"[..])
            ))
        );
    }

    #[test]
    fn last_brackets_is_rfind() {
        for line in [
            &b""[..],
            b"] [",
            b"x] [a] [b] c",
            b"[[[",
            b"] [] [",
            b"a]  [b",
            b"]\x20[ ] [",
            b"1.2.3.4 - - [01/Mar/2024:17:00:01 +0000] \"GET /a HTTP/1.1\" 200 5 \"-\" \"c\" 85 0.003 [default-api-80] [] 10.0.0.5:8080 512 0.003 200 id",
        ] {
            assert_eq!(
                last_brackets(line),
                memchr::memmem::rfind(line, b"] ["),
                "{line:?}"
            );
        }
    }

    #[test]
    fn upstream_lists() {
        assert_eq!(
            upstream_status(b"10.0.0.5:80, 10.0.0.6:80 0, 150 0.001, 0.002 502, 200 abc"),
            Some(&b"502, 200"[..])
        );
        assert_eq!(
            upstream_status(b"10.0.0.5:80 : 10.0.0.6:80 0 : 1 0.1 : 0.2 404 : 200 abc"),
            Some(&b"404 : 200"[..])
        );
        assert_eq!(upstream_status(b"- - - - abc"), Some(&b"-"[..]));
        assert_eq!(upstream_status(b"a b"), None);
    }

    proptest::proptest! {
        /// Tails of words, commas, colons and runs of spaces, up to 200 bytes (so past the
        /// 64-byte window and past the word spans kept): as the byte-at-a-time definition.
        #[test]
        fn upstream_status_as_bytewise(
            tail in proptest::collection::vec(
                proptest::sample::select(vec![b' ', b' ', b',', b':', b'5', b'0', b'-', b'x']),
                0..200,
            )
        ) {
            proptest::prop_assert_eq!(upstream_status(&tail), upstream_status_bytewise(&tail));
        }
    }
}
