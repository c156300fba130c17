//! W3C lines read without any `#Fields` directive (the header was lost: a log cut out of a
//! bigger one, a forwarder that dropped `#` lines). IIS's default fields are tried first; a line
//! with another number of values is read by its shape: it starts with `date time`, the status is
//! the three-digit value followed by two numbers (sub-status and Win32 status) nearest the end,
//! the path is the first value starting with `/`, and the client is the second IP address (the
//! first is the server's). Such lines are counted, and the report says that they were read so.

use crate::record::{decimal_u32, present, status3, Malformed, Record};
use crate::time::{self, TimeCache};
use crate::w3c::tokenize;

fn looks_ip(b: &[u8]) -> bool {
    let dots = b.iter().filter(|c| **c == b'.').count();
    let colons = b.iter().filter(|c| **c == b':').count();
    (dots == 3 && b.iter().all(|c| c.is_ascii_digit() || *c == b'.'))
        || (colons >= 2 && b.iter().all(|c| c.is_ascii_hexdigit() || *c == b':'))
}

/// Reads a line by its shape.
pub(crate) fn parse<'a>(
    line: &'a [u8],
    tokens: &mut Vec<(usize, usize)>,
    cache: &mut TimeCache,
) -> Result<Record<'a>, Malformed> {
    tokenize(line, tokens);
    let t = |i: usize| &line[tokens[i].0..tokens[i].1];
    if tokens.len() < 6 {
        return Err("W3C values without #Fields, too few to read by shape");
    }
    let time = cache.get(t(0), t(1), time::parse_w3c);
    if time.is_none() {
        return Err("W3C values without #Fields that do not start with date and time");
    }
    let at = (2..tokens.len().saturating_sub(2))
        .rev()
        .find(|i| {
            status3(t(*i)).is_some()
                && decimal_u32(t(i + 1)).is_some_and(|s| s < 1000)
                && decimal_u32(t(i + 2)).is_some()
        })
        .ok_or("W3C values without #Fields, and no status, sub-status, Win32 status in them")?;
    let status = status3(t(at)).unwrap_or(0);
    let path = (2..at).map(t).find(|v| v.first() == Some(&b'/'));
    let client = (2..tokens.len())
        .map(t)
        .filter(|v| looks_ip(v))
        .nth(1)
        .and_then(present);
    Ok(Record {
        status,
        sub: decimal_u32(t(at + 1)).and_then(|s| u16::try_from(s).ok()),
        win32: decimal_u32(t(at + 2)),
        path,
        client,
        time,
        ..Record::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_shape() {
        // IIS 6 style: s-sitename and s-computername, no referer: 17 values.
        let line = b"2024-01-02 03:04:05 W3SVC1 WEB01 10.0.0.1 GET /a/b.aspx id=1 443 - 192.0.2.7 HTTP/1.1 Mozilla/5.0 500 19 5 120";
        let r = parse(line, &mut Vec::new(), &mut TimeCache::default())
            .map(|r| (r.status, r.sub, r.win32, r.path, r.client));
        assert_eq!(
            r,
            Ok((
                500,
                Some(19),
                Some(5),
                Some(&b"/a/b.aspx"[..]),
                Some(&b"192.0.2.7"[..])
            ))
        );
        assert!(parse(
            b"hello world this is not a log",
            &mut Vec::new(),
            &mut TimeCache::default()
        )
        .is_err());
    }
}
