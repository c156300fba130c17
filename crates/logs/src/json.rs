//! JSON-lines access logs (nginx `escape=json` formats, Caddy, Traefik, ALB exports ...): one JSON
//! object per line. Which keys hold the status, path, time and client is configurable; a dotted
//! name (`request.uri`) reaches into nested objects.

use serde_json::Value;

use crate::ncsa::request_path;
use crate::record::{present, strip_query, Malformed, Record};
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
            ]),
        }
    }
}

fn get<'v>(v: &'v Value, names: &[String]) -> Option<&'v Value> {
    names.iter().find_map(|name| {
        if let Some(direct) = v.get(name.as_str()) {
            return Some(direct);
        }
        name.contains('.')
            .then(|| name.split('.').try_fold(v, |v, key| v.get(key)))
            .flatten()
    })
}

fn text(v: &Value) -> Option<&[u8]> {
    match v {
        Value::String(s) => Some(s.as_bytes()),
        _ => None,
    }
}

/// Reads the fields of a parsed line.
#[allow(clippy::cast_possible_truncation)] // a float time, checked to fit in i64 first
pub(crate) fn record<'v>(v: &'v Value, fields: &JsonFields) -> Result<Record<'v>, Malformed> {
    if !v.is_object() {
        return Err("JSON line is not an object");
    }
    let (status, sub) = match get(v, &fields.status).ok_or("no status field in the JSON object")? {
        Value::Number(n) => (
            n.as_u64()
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
            present(strip_query(p))
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
            .map(time::unix_number),
        _ => None,
    });
    let client = get(v, &fields.client).and_then(text).and_then(present);
    Ok(Record {
        status,
        sub,
        path,
        client,
        time,
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
