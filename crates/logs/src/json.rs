//! JSON-lines access logs (nginx `escape=json` formats, Caddy, Traefik, ALB exports ...): one JSON
//! object per line. Which keys hold the status, path, time and client is configurable; a dotted
//! name (`request.uri`) reaches into nested objects.

use serde_json::Value;

use crate::cloud::url_path;
use crate::ncsa::request_path;
use crate::record::{present, Cause, CauseKind, Malformed, Record};
use crate::time;

/// The keys of a JSON-lines log. Each is a list of candidates, tried in order; `a.b` reaches into
/// nested objects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonFields {
    /// The status: a number, or a string such as `"404"` or `"401.2"`.
    pub status: Vec<String>,
    /// The request path (a URI; the query is dropped), or a request line `GET /x HTTP/1.1`.
    pub path: Vec<String>,
    /// The time: RFC 3339, CLF, or Unix seconds (or milliseconds).
    pub time: Vec<String>,
    /// The client address.
    pub client: Vec<String>,
}

impl Default for JsonFields {
    fn default() -> Self {
        let v = |names: &[&str]| names.iter().map(|s| (*s).to_string()).collect();
        JsonFields {
            status: v(&[
                "status",
                "status_code",
                "statusCode",
                "response_code",
                "http.response.status_code",
                "sc-status",
                // Traefik, Google Cloud load balancer, Azure Front Door, Azure Application
                // Gateway, Cloudflare Logpush.
                "DownstreamStatus",
                "httpRequest.status",
                "properties.httpStatusCode",
                "properties.httpStatus",
                "EdgeResponseStatus",
            ]),
            path: v(&[
                "path",
                "uri",
                "request_uri",
                "request.uri",
                "url.path",
                "url",
                "RequestPath",
                "request",
                "httpRequest.requestUrl",
                "properties.requestUri",
                "ClientRequestPath",
                "ClientRequestURI",
            ]),
            time: v(&[
                "time",
                "timestamp",
                "@timestamp",
                "ts",
                "time_iso8601",
                "time_local",
                "datetime",
                "date",
                "StartUTC",
                "EdgeStartTimestamp",
            ]),
            client: v(&[
                "client",
                "remote_addr",
                "client_ip",
                "clientip",
                "remote_ip",
                "request.remote_ip",
                "ClientHost",
                "client.ip",
                "source.ip",
                "ip",
                "httpRequest.remoteIp",
                "properties.clientIp",
                "properties.clientIP",
                "ClientIP",
            ]),
        }
    }
}

/// The value of the first of `names` the object has: a key of that name, else (for `a.b`) the
/// nested path. The same answer as [`get_each`], which looks each name up in turn, but found in
/// one pass over the object's keys: each key is checked only against the names starting with its
/// first byte (most keys match none), so a line costs a few instructions a key instead of a map
/// search a name.
fn get<'v>(v: &'v Value, names: &[String]) -> Option<&'v Value> {
    let Value::Object(map) = v else {
        return get_each(v, names);
    };
    // Which first bytes the names have; an empty name (a key `""`) is left to `get_each`.
    let mut firsts = [0u64; 4];
    for name in names {
        let Some(&first) = name.as_bytes().first() else {
            return get_each(v, names);
        };
        firsts[usize::from(first >> 6)] |= 1 << (first & 63);
    }
    // The best so far: the name's index, its value, and whether it was a key of that name
    // (which wins over a nested path for the same name).
    let mut best: Option<(usize, &'v Value, bool)> = None;
    for (key, value) in map {
        let k = key.as_bytes();
        let Some(&first) = k.first() else { continue };
        if firsts[usize::from(first >> 6)] & (1 << (first & 63)) == 0 {
            continue;
        }
        let mut key_has_dot = None;
        let upto = best.map_or(names.len(), |(i, _, direct)| if direct { i } else { i + 1 });
        for (i, name) in names[..upto].iter().enumerate() {
            let n = name.as_bytes();
            if n[0] != first {
                continue;
            }
            // A name found earlier in this loop (a nested path) may leave only itself to beat.
            if best.is_some_and(|(b, _, _)| i > b) {
                break;
            }
            if n == k {
                best = Some((i, value, true));
                break;
            }
            // `a.b.c` with `a` this key: the rest is looked up in its value, one level a dot.
            if n.len() > k.len()
                && n[k.len()] == b'.'
                && n.starts_with(k)
                && !*key_has_dot.get_or_insert_with(|| memchr::memchr(b'.', k).is_some())
            {
                if best.is_some_and(|(b, _, _)| b <= i) {
                    continue;
                }
                let found = name[k.len() + 1..]
                    .split('.')
                    .try_fold(value, |v, key| v.get(key));
                if let Some(found) = found {
                    best = Some((i, found, false));
                }
            }
        }
        if matches!(best, Some((0, _, true))) {
            break;
        }
    }
    best.map(|(_, v, _)| v)
}

/// [`get`] by looking each name up in turn: the definition.
fn get_each<'v>(v: &'v Value, names: &[String]) -> Option<&'v Value> {
    names.iter().find_map(|name| {
        if let Some(direct) = v.get(name.as_str()) {
            return Some(direct);
        }
        name.contains('.')
            .then(|| name.split('.').try_fold(v, |v, key| v.get(key)))
            .flatten()
    })
}

/// The keys of the status an origin (backend) gave, when the log is an edge's: Cloudflare,
/// Traefik, Azure Application Gateway. Not configurable.
const ORIGIN_STATUS: [&str; 3] = [
    "OriginResponseStatus",
    "OriginStatus",
    "properties.serverStatus",
];

/// `000` to `999`, three bytes each, for statuses that are numbers in the JSON.
#[allow(clippy::cast_possible_truncation)] // digits 0–9
static STATUS_TEXT: [u8; 3000] = {
    let mut t = [0u8; 3000];
    let mut i = 0;
    while i < 1000 {
        t[i * 3] = b'0' + (i / 100) as u8;
        t[i * 3 + 1] = b'0' + (i / 10 % 10) as u8;
        t[i * 3 + 2] = b'0' + (i % 10) as u8;
        i += 1;
    }
    t
};

/// A line without a container-log prefix (`caddy  | {...}`, as `docker compose logs` writes).
pub(crate) fn unprefixed(line: &[u8]) -> &[u8] {
    if line.first() == Some(&b'{') {
        return line;
    }
    let head = &line[..line.len().min(128)];
    match memchr::memmem::find(head, b"| {") {
        Some(i)
            if head[..i]
                .trim_ascii_end()
                .iter()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-' | b'.')) =>
        {
            &line[i + 2..]
        }
        _ => line,
    }
}

fn origin_status(v: &Value) -> Option<&[u8]> {
    let found = ORIGIN_STATUS
        .iter()
        .find_map(|name| match name.split_once('.') {
            Some((a, b)) => v.get(a).and_then(|o| o.get(b)),
            None => v.get(*name),
        })?;
    match found {
        Value::Number(n) => n
            .as_u64()
            .filter(|n| *n <= 999)
            .and_then(|n| usize::try_from(n).ok())
            .map(|n| &STATUS_TEXT[n * 3..n * 3 + 3]),
        Value::String(s) => present(s.trim().as_bytes()),
        _ => None,
    }
}

/// The cause a cloud JSON log writes in a field of its own: Azure Front Door's `errorInfo` and
/// Google Cloud load balancing's `statusDetails`.
fn vendor_cause(v: &Value) -> Option<Cause<'_>> {
    let nested = |outer: &str, inner: &str| {
        v.get(outer)
            .and_then(|o| o.get(inner))
            .and_then(text)
            .and_then(present)
    };
    nested("properties", "errorInfo")
        .map(|value| Cause {
            kind: CauseKind::AzureErrorInfo,
            value,
        })
        .or_else(|| {
            nested("jsonPayload", "statusDetails").map(|value| Cause {
                kind: CauseKind::GclbStatusDetails,
                value,
            })
        })
}

fn text(v: &Value) -> Option<&[u8]> {
    match v {
        Value::String(s) => Some(s.as_bytes()),
        _ => None,
    }
}

/// Reads the fields of a parsed line.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // floats checked to fit first
pub(crate) fn record<'v>(v: &'v Value, fields: &JsonFields) -> Result<Record<'v>, Malformed> {
    if !v.is_object() {
        return Err("JSON line is not an object");
    }
    let (status, sub) = match get(v, &fields.status).ok_or("no status field in the JSON object")? {
        Value::Number(n) => (
            n.as_u64()
                // `200.0`: a float with no fraction is the same status.
                .or_else(|| {
                    n.as_f64()
                        .filter(|f| f.fract() == 0.0 && (0.0..=999.0).contains(f))
                        .map(|f| f as u64)
                })
                .filter(|n| *n <= 999)
                .ok_or("JSON status out of range")?,
            None,
        ),
        Value::String(s) => {
            let (code, sub) = match s.split_once('.') {
                Some((c, s)) => (c, s.parse::<u16>().ok()),
                None => (s.as_str(), None),
            };
            (
                code.trim()
                    .parse::<u64>()
                    .ok()
                    .filter(|n| *n <= 999)
                    .ok_or("JSON status is not a number")?,
                sub,
            )
        }
        _ => return Err("JSON status is not a number"),
    };
    let status = u16::try_from(status).map_err(|_| "JSON status out of range")?;
    let path = get(v, &fields.path).and_then(text).and_then(|p| {
        // A request line (`GET /x HTTP/1.1`) or a URI.
        if memchr::memchr(b' ', p).is_some() {
            request_path(p).0
        } else {
            url_path(p)
        }
    });
    let time = get(v, &fields.time).and_then(|t| match t {
        Value::String(s) => time::parse_any(s.as_bytes()),
        Value::Number(n) => n
            .as_i64()
            .or_else(|| {
                n.as_f64()
                    .filter(|f| f.is_finite() && f.abs() < 1e17)
                    .map(|f| f.trunc() as i64)
            })
            // Cloudflare writes nanoseconds.
            .map(|n| {
                if n > 100_000_000_000_000_000 {
                    n / 1_000_000_000
                } else {
                    n
                }
            })
            .map(time::unix_number),
        _ => None,
    });
    let client = get(v, &fields.client).and_then(text).and_then(present);
    let cause = origin_status(v)
        .map(|value| Cause {
            kind: CauseKind::OriginStatus,
            value,
        })
        .or_else(|| vendor_cause(v));
    Ok(Record {
        status,
        sub,
        path,
        client,
        time,
        cause,
        ..Record::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    type Parsed = (
        u16,
        Option<u16>,
        Option<String>,
        Option<String>,
        Option<i64>,
    );

    fn parse(line: &str, f: &JsonFields) -> Result<Parsed, String> {
        let v: Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
        let r = record(&v, f)?;
        let s = |b: Option<&[u8]>| b.map(|b| String::from_utf8_lossy(b).into_owned());
        Ok((r.status, r.sub, s(r.path), s(r.client), r.time))
    }

    #[test]
    fn default_names() {
        let f = JsonFields::default();
        assert_eq!(
            parse(
                r#"{"time":"2015-05-17T10:05:03+00:00","remote_addr":"1.2.3.4","request":"GET /a?b HTTP/1.1","status":"404"}"#,
                &f
            ),
            Ok((
                404,
                None,
                Some("/a".into()),
                Some("1.2.3.4".into()),
                Some(1_431_857_103)
            ))
        );
        // Caddy: nested request, float Unix time.
        assert_eq!(
            parse(
                r#"{"ts":1431857103.52,"request":{"remote_ip":"::1","uri":"/x"},"status":502}"#,
                &f
            ),
            Ok((
                502,
                None,
                Some("/x".into()),
                Some("::1".into()),
                Some(1_431_857_103)
            ))
        );
        assert_eq!(
            parse(r#"{"status":"401.2"}"#, &f).map(|r| (r.0, r.1)),
            Ok((401, Some(2)))
        );
        assert!(parse(r#"{"code":200}"#, &f).is_err());
        assert!(parse(r#"{"status":true}"#, &f).is_err());
        assert!(parse(r#"[1,2]"#, &f).is_err());
    }

    #[test]
    fn one_pass_lookup_agrees_with_each_name_in_turn() {
        let names = |list: &[&str]| list.iter().map(|s| (*s).to_string()).collect::<Vec<_>>();
        let cases: [(&str, &[&str]); 12] = [
            // A nested path named before a plain key wins over it, whatever the key order.
            (
                r#"{"request":{"uri":"/x"},"a":1}"#,
                &["request.uri", "request"],
            ),
            (
                r#"{"a":1,"request":{"uri":"/x"}}"#,
                &["request", "request.uri"],
            ),
            // A key holding a dot is a key of that name, before the nested path.
            (r#"{"a":{"b":1},"a.b":2}"#, &["a.b"]),
            (r#"{"a.b":{"c":3},"a":{"b":{"c":4}}}"#, &["a.b.c"]),
            // Keys of the same name in nested objects are not the top-level key.
            (r#"{"x":{"status":500},"status":200}"#, &["status"]),
            (r#"{"x":{"status":500}}"#, &["status", "x.status"]),
            // Missing everywhere, a path through a non-object, empty names and keys.
            (r#"{"a":[1,2]}"#, &["a.0", "b"]),
            (r#"{"":5,"b":6}"#, &["", "b"]),
            (r#"{"b":6}"#, &["a..b", ".b", "b."]),
            (r#"{"s":"a\"b","t":1}"#, &["t", "s"]),
            (
                r#"{"DownstreamStatus":502,"OriginStatus":0}"#,
                &["status", "DownstreamStatus"],
            ),
            (r#"{"k":1,"kk":2,"k.k":3}"#, &["k.k", "kk", "k"]),
        ];
        for (line, list) in cases {
            let v: Value = serde_json::from_str(line).unwrap_or(Value::Null);
            let list = names(list);
            assert_eq!(get(&v, &list), get_each(&v, &list), "{line} {list:?}");
        }
        // Every default name against the fixtures' lines.
        let f = JsonFields::default();
        for line in include_str!("../tests/data/traefik.json")
            .lines()
            .chain(include_str!("../tests/data/gclb.json").lines())
            .chain(include_str!("../tests/data/caddy_compose.log").lines())
            .chain(include_str!("../tests/data/json.log").lines())
        {
            let Ok(v) = serde_json::from_slice::<Value>(unprefixed(line.as_bytes())) else {
                continue;
            };
            for list in [&f.status, &f.path, &f.time, &f.client] {
                assert_eq!(get(&v, list), get_each(&v, list), "{line}");
            }
        }
    }

    #[test]
    fn configured_names() {
        let f = JsonFields {
            status: vec!["resp.code".into()],
            path: vec!["target".into()],
            time: vec!["when".into()],
            client: vec!["who".into()],
        };
        assert_eq!(
            parse(
                r#"{"resp":{"code":503},"target":"/t","when":"17/May/2015:10:05:03 +0000","who":"w","status":200}"#,
                &f
            ),
            Ok((
                503,
                None,
                Some("/t".into()),
                Some("w".into()),
                Some(1_431_857_103)
            ))
        );
    }
}
