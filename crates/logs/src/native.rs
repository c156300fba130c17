//! IIS native log format (`in*.log`): comma-separated, fixed fields, local time.
//!
//! `client, user, date, time, service, server, server-ip, time-taken, bytes-in, bytes-out,
//! status, win32-status, method, target, parameters,`

use crate::record::{decimal_u32, present, status3, strip_query, Malformed, Record};
use crate::time;

/// Parses one line.
pub(crate) fn parse(line: &[u8]) -> Result<Record<'_>, Malformed> {
    let mut fields = [&b""[..]; 15];
    let mut n = 0;
    for f in line.split(|c| *c == b',') {
        if n < fields.len() {
            fields[n] = f.trim_ascii();
        }
        n += 1;
    }
    // 15 fields, and usually a trailing comma that makes a 16th empty one.
    if !(14..=16).contains(&n) {
        return Err("not the 15 comma-separated fields of the IIS native format");
    }
    let status = status3(fields[10]).ok_or("status is not three digits")?;
    let time = time::parse_native(fields[2], fields[3]);
    if time.is_none() {
        return Err("unreadable date or time");
    }
    Ok(Record {
        status,
        win32: decimal_u32(fields[11]),
        path: present(strip_query(fields[13])),
        client: present(fields[0]),
        time,
        ..Record::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields() {
        let r = parse(b"192.168.114.201, -, 03/20/01, 7:55:20, W3SVC2, SALES1, 172.21.13.45, 4502, 163, 3223, 200, 0, GET, /DeptLogo.gif, -,")
            .map_err(|e| e.to_string());
        let r = r.as_ref().map(|r| (r.status, r.win32, r.path, r.client));
        assert_eq!(
            r,
            Ok((
                200,
                Some(0),
                Some(&b"/DeptLogo.gif"[..]),
                Some(&b"192.168.114.201"[..])
            ))
        );
        assert!(parse(b"a, b, c").is_err());
        assert!(parse(b"192.168.114.201, -, 03/20/01, 7:55:20, W3SVC2, SALES1, 172.21.13.45, 4502, 163, 3223, OK, 0, GET, /x, -,").is_err());
    }
}
