//! JSON-lines access logs (nginx `escape=json` formats, Caddy, Traefik, ALB exports ...): one JSON
//! object per line. Which keys hold the status, path, time and client is configurable; a dotted
//! name (`request.uri`) reaches into nested objects.

use std::convert::Infallible;

use serde_json::{Number, Value};

use crate::cloud::{iso_days, url_path, Days};
use crate::json_scan::{self, Doc, KeySet, Scanned};
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

/// The fast path ([`crate::json_scan`]) cannot give the `Value` path's answer for this line:
/// parse it into a `Value`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fallback;

/// What a JSON value is, as far as the record reads it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Form<'v> {
    /// A string's text (UTF-8).
    Str(&'v [u8]),
    Num(Number),
    Object,
    /// `true`, `false`, `null`, an array.
    Other,
}

/// What a look-up is for: one of the [`JsonFields`] lists, or one of the fixed keys of the
/// causes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Status = 0,
    Path = 1,
    Time = 2,
    Client = 3,
    /// [`ORIGIN_STATUS`].
    Origin = 4,
    /// [`AZURE_CAUSE`].
    AzureCause = 5,
    /// [`GCLB_CAUSE`].
    GclbCause = 6,
}

impl Field {
    pub(crate) const ALL: [Field; 7] = [
        Field::Status,
        Field::Path,
        Field::Time,
        Field::Client,
        Field::Origin,
        Field::AzureCause,
        Field::GclbCause,
    ];

    /// The names of a list, or the keys (a key, or a key and the key below it) of a fixed
    /// look-up.
    pub(crate) fn names<'f>(self, fields: &'f JsonFields) -> Names<'f> {
        match self {
            Field::Status => Names::List(&fields.status),
            Field::Path => Names::List(&fields.path),
            Field::Time => Names::List(&fields.time),
            Field::Client => Names::List(&fields.client),
            Field::Origin => Names::Fixed(&ORIGIN_STATUS),
            Field::AzureCause => Names::Fixed(&AZURE_CAUSE),
            Field::GclbCause => Names::Fixed(&GCLB_CAUSE),
        }
    }
}

/// See [`Field::names`].
#[derive(Debug, Clone, Copy)]
pub(crate) enum Names<'f> {
    /// Names tried in order, each a key or a dotted path ([`get`]).
    List(&'f [String]),
    /// Keys tried in order, each with the key below it to read, if any ([`fixed`]).
    Fixed(&'static [(&'static str, Option<&'static str>)]),
}

/// A JSON value the record is read from: a `serde_json::Value` (the definition), or a value of
/// a line the fast path scanned ([`crate::json_scan::Scanned`]), which answers [`Fallback`]
/// where it cannot read what the `Value` holds.
pub(crate) trait Node<'v>: Copy {
    /// `Infallible` for a `Value`.
    type Err;
    fn form(self) -> Result<Form<'v>, Self::Err>;
    /// The value of a key of an object (the last of equal keys); `None` for a missing key or
    /// a value that is not an object.
    fn member(self, key: &str) -> Result<Option<Self>, Self::Err>;
    /// The value of the first of the names of `field` that this top-level object has: what
    /// [`get`] finds for a list of names (what [`lookup`] finds too, but for names starting
    /// with a dot), what [`fixed`] finds for fixed keys.
    fn first_of(self, field: Field, fields: &JsonFields) -> Result<Option<Self>, Self::Err>;
}

impl<'v> Node<'v> for &'v Value {
    type Err = Infallible;

    fn form(self) -> Result<Form<'v>, Infallible> {
        Ok(match self {
            Value::String(s) => Form::Str(s.as_bytes()),
            Value::Number(n) => Form::Num(n.clone()),
            Value::Object(_) => Form::Object,
            _ => Form::Other,
        })
    }

    fn member(self, key: &str) -> Result<Option<Self>, Infallible> {
        Ok(self.get(key))
    }

    fn first_of(self, field: Field, fields: &JsonFields) -> Result<Option<Self>, Infallible> {
        match field.names(fields) {
            Names::List(names) => Ok(get(self, names)),
            Names::Fixed(_) => lookup(self, field, fields),
        }
    }
}

/// The value of the first of the names of `field` that `v` has: for a list, a key of that
/// name, else for `a.b` the nested path ([`get`]); for fixed keys, the first key there is, or
/// the key below it ([`fixed`]).
pub(crate) fn lookup<'v, N: Node<'v>>(
    v: N,
    field: Field,
    fields: &JsonFields,
) -> Result<Option<N>, N::Err> {
    match field.names(fields) {
        Names::List(names) => get_each(v, names),
        Names::Fixed(keys) => fixed(v, keys),
    }
}

/// The value of the first of `keys` that `v` has (of the key below it, when one is given).
fn fixed<'v, N: Node<'v>>(v: N, keys: &[(&str, Option<&str>)]) -> Result<Option<N>, N::Err> {
    for (key, below) in keys {
        let Some(found) = v.member(key)? else {
            continue;
        };
        let found = match below {
            Some(below) => found.member(below)?,
            None => Some(found),
        };
        if found.is_some() {
            return Ok(found);
        }
    }
    Ok(None)
}

/// The value at a dotted path below `v` (`b.c` in `v`), one level a dot.
pub(crate) fn path<'v, N: Node<'v>>(v: N, dotted: &str) -> Result<Option<N>, N::Err> {
    let mut v = v;
    for key in dotted.split('.') {
        match v.member(key)? {
            Some(next) => v = next,
            None => return Ok(None),
        }
    }
    Ok(Some(v))
}

/// The value of the first of `names` the object has: a key of that name, else (for `a.b`) the
/// nested path. The same answer as [`get_each`], which looks each name up in turn, but found in
/// one pass over the object's keys: each key is checked only against the names starting with its
/// first byte (most keys match none), so a line costs a few instructions a key instead of a map
/// search a name.
fn get<'v>(v: &'v Value, names: &[String]) -> Option<&'v Value> {
    let Value::Object(map) = v else {
        return get_each(v, names).unwrap_or_else(|never| match never {});
    };
    // Which first bytes the names have; an empty name (a key `""`) is left to `get_each`.
    let mut firsts = [0u64; 4];
    for name in names {
        let Some(&first) = name.as_bytes().first() else {
            return get_each(v, names).unwrap_or_else(|never| match never {});
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

/// [`get`] by looking each name up in turn: the definition, but for one case: `get` never
/// takes the key `""` as the first part of a name starting with a dot (`.t`), where this does.
pub(crate) fn get_each<'v, N: Node<'v>>(v: N, names: &[String]) -> Result<Option<N>, N::Err> {
    for name in names {
        if let Some(direct) = v.member(name)? {
            return Ok(Some(direct));
        }
        if name.contains('.') {
            if let Some(found) = path(v, name)? {
                return Ok(Some(found));
            }
        }
    }
    Ok(None)
}

/// The keys of the status an origin (backend) gave, when the log is an edge's: Cloudflare,
/// Traefik, Azure Application Gateway (`properties.serverStatus`). Not configurable.
pub(crate) const ORIGIN_STATUS: [(&str, Option<&str>); 3] = [
    ("OriginResponseStatus", None),
    ("OriginStatus", None),
    ("properties", Some("serverStatus")),
];

/// Azure Front Door's cause, `properties.errorInfo`.
pub(crate) const AZURE_CAUSE: [(&str, Option<&str>); 1] = [("properties", Some("errorInfo"))];

/// Google Cloud load balancing's cause, `jsonPayload.statusDetails`.
pub(crate) const GCLB_CAUSE: [(&str, Option<&str>); 1] = [("jsonPayload", Some("statusDetails"))];

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

fn origin_status<'v, N: Node<'v>>(v: N, fields: &JsonFields) -> Result<Option<&'v [u8]>, N::Err> {
    let Some(found) = v.first_of(Field::Origin, fields)? else {
        return Ok(None);
    };
    Ok(match found.form()? {
        Form::Num(n) => n
            .as_u64()
            .filter(|n| *n <= 999)
            .and_then(|n| usize::try_from(n).ok())
            .map(|n| &STATUS_TEXT[n * 3..n * 3 + 3]),
        Form::Str(s) => present(trim(s)),
        _ => None,
    })
}

/// The cause a cloud JSON log writes in a field of its own: Azure Front Door's `errorInfo` and
/// Google Cloud load balancing's `statusDetails`.
fn vendor_cause<'v, N: Node<'v>>(v: N, fields: &JsonFields) -> Result<Option<Cause<'v>>, N::Err> {
    for (field, kind) in [
        (Field::AzureCause, CauseKind::AzureErrorInfo),
        (Field::GclbCause, CauseKind::GclbStatusDetails),
    ] {
        let Some(found) = v.first_of(field, fields)? else {
            continue;
        };
        if let Some(value) = text(found)?.and_then(present) {
            return Ok(Some(Cause { kind, value }));
        }
    }
    Ok(None)
}

fn text<'v, N: Node<'v>>(v: N) -> Result<Option<&'v [u8]>, N::Err> {
    Ok(match v.form()? {
        Form::Str(s) => Some(s),
        _ => None,
    })
}

/// `str::trim` on the text of a JSON string (UTF-8): Unicode white space, not only ASCII.
fn trim(s: &[u8]) -> &[u8] {
    if s.is_ascii() {
        // The ASCII characters `char::is_whitespace` takes (with U+000B, unlike
        // `u8::is_ascii_whitespace`).
        let white = |c: &u8| char::from(*c).is_whitespace();
        let start = s.iter().position(|c| !white(c)).unwrap_or(s.len());
        let end = s.iter().rposition(|c| !white(c)).map_or(start, |i| i + 1);
        &s[start..end]
    } else {
        std::str::from_utf8(s).map_or(s, |s| s.trim().as_bytes())
    }
}

/// The value of the first of the names of `field` the object has, and its form.
fn find<'v, N: Node<'v>>(
    v: N,
    field: Field,
    fields: &JsonFields,
) -> Result<Option<Form<'v>>, N::Err> {
    match v.first_of(field, fields)? {
        Some(found) => found.form().map(Some),
        None => Ok(None),
    }
}

/// Reads the fields of a parsed line; the request path for errors only, or for every line with
/// `all_paths` (a `--path` filter), as the other formats do.
pub(crate) fn record<'v>(
    v: &'v Value,
    fields: &JsonFields,
    all_paths: bool,
) -> Result<Record<'v>, Malformed> {
    match read(v, fields, all_paths, &mut Days::default()) {
        Ok(record) => record,
        Err(never) => match never {},
    }
}

/// Reads the fields of a line without a `Value` ([`crate::json_scan`]); `None` when the line
/// must be parsed into a `Value` ([`record`]) for the answer.
pub(crate) fn record_fast<'a>(
    line: &'a [u8],
    fields: &JsonFields,
    all_paths: bool,
    scratch: &mut Scratch,
) -> Option<Result<Record<'a>, Malformed>> {
    let keys = scratch
        .keys
        .get_or_insert_with(|| KeySet::new(fields))
        .as_ref()?;
    json_scan::scan(line, keys, &mut scratch.doc).ok()?;
    read(
        Scanned::root(line, keys, &scratch.doc),
        fields,
        all_paths,
        &mut scratch.days,
    )
    .ok()
}

/// What the fast path keeps from line to line: the keys it keeps values of (from the
/// [`JsonFields`] of the run) and the kept values of the last line.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    /// Made on the first line; `Some(None)` when the names are too many for the fast path.
    keys: Option<Option<KeySet>>,
    doc: Doc,
    days: Days,
}

/// Reads the fields of a line's object, through either representation.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // floats checked to fit first
fn read<'v, N: Node<'v>>(
    v: N,
    fields: &JsonFields,
    all_paths: bool,
    days: &mut Days,
) -> Result<Result<Record<'v>, Malformed>, N::Err> {
    if v.form()? != Form::Object {
        return Ok(Err("JSON line is not an object"));
    }
    let (status, sub) = match find(v, Field::Status, fields)? {
        None => return Ok(Err("no status field in the JSON object")),
        Some(Form::Num(n)) => {
            let status = n
                .as_u64()
                // `200.0`: a float with no fraction is the same status.
                .or_else(|| {
                    n.as_f64()
                        .filter(|f| f.fract() == 0.0 && (0.0..=999.0).contains(f))
                        .map(|f| f as u64)
                })
                .filter(|n| *n <= 999);
            match status {
                Some(status) => (status, None),
                None => return Ok(Err("JSON status out of range")),
            }
        }
        Some(Form::Str(s)) => {
            // JSON strings are UTF-8: `Value` holds a `String`, the scanner checked the line.
            let Ok(s) = std::str::from_utf8(s) else {
                return Ok(Err("JSON status is not a number"));
            };
            let (code, sub) = match s.split_once('.') {
                Some((c, s)) => (c, s.parse::<u16>().ok()),
                None => (s, None),
            };
            match code.trim().parse::<u64>().ok().filter(|n| *n <= 999) {
                Some(status) => (status, sub),
                None => return Ok(Err("JSON status is not a number")),
            }
        }
        Some(_) => return Ok(Err("JSON status is not a number")),
    };
    let Ok(status) = u16::try_from(status) else {
        return Ok(Err("JSON status out of range"));
    };
    let wanted = all_paths || crate::summary::is_error(status);
    let path = match wanted
        .then(|| v.first_of(Field::Path, fields))
        .transpose()?
        .flatten()
    {
        Some(p) => text(p)?.and_then(|p| {
            // A request line (`GET /x HTTP/1.1`) or a URI.
            if memchr::memchr(b' ', p).is_some() {
                request_path(p).0
            } else {
                url_path(p)
            }
        }),
        None => None,
    };
    let time = match find(v, Field::Time, fields)? {
        Some(Form::Str(s)) => match iso_days(s, days) {
            // The usual layouts, in place (the value `parse_iso`, so `parse_any`, gives them).
            Some(Some(t)) => Some(t),
            _ => time::parse_any(s),
        },
        Some(Form::Num(n)) => n
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
    };
    let client = match v.first_of(Field::Client, fields)? {
        Some(c) => text(c)?.and_then(present),
        None => None,
    };
    // Causes are counted for errors only (`Summary::observe`): not looked up for the others.
    let cause = if crate::summary::is_error(status) {
        match origin_status(v, fields)? {
            Some(value) => Some(Cause {
                kind: CauseKind::OriginStatus,
                value,
            }),
            None => vendor_cause(v, fields)?,
        }
    } else {
        None
    };
    Ok(Ok(Record {
        status,
        sub,
        path,
        client,
        time,
        cause,
        ..Record::default()
    }))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

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
        let r = record(&v, f, true)?;
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

    fn each<'v>(v: &'v Value, names: &[String]) -> Option<&'v Value> {
        get_each(v, names).unwrap_or_else(|never| match never {})
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
            assert_eq!(get(&v, &list), each(&v, &list), "{line} {list:?}");
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
                assert_eq!(get(&v, list), each(&v, list), "{line}");
            }
        }
    }

    /// A record, or the error, in a form to compare.
    type Seen = Result<
        (
            u16,
            Option<u16>,
            Option<Vec<u8>>,
            Option<Vec<u8>>,
            Option<i64>,
            Option<(CauseKind, Vec<u8>)>,
        ),
        String,
    >;

    fn seen(r: Result<Record<'_>, Malformed>) -> Seen {
        r.map(|r| {
            (
                r.status,
                r.sub,
                r.path.map(<[u8]>::to_vec),
                r.client.map(<[u8]>::to_vec),
                r.time,
                r.cause.map(|c| (c.kind, c.value.to_vec())),
            )
        })
        .map_err(str::to_string)
    }

    /// What the `Value` path gives a line (after its prefix), as `analyze.rs` reads it.
    fn by_value(line: &[u8], f: &JsonFields, all_paths: bool) -> Seen {
        match serde_json::from_slice::<Value>(line) {
            Ok(v) => seen(record(&v, f, all_paths)),
            Err(_) => Err("invalid JSON".into()),
        }
    }

    /// Checks that the fast path gives the `Value` path's answer or leaves the line to it,
    /// with and without every path read; whether it read the line itself.
    fn agree(line: &[u8], f: &JsonFields, scratch: &mut Scratch) -> bool {
        let line = unprefixed(line);
        let mut read = [false; 2];
        for (all_paths, read) in [true, false].into_iter().zip(&mut read) {
            let want = by_value(line, f, all_paths);
            if let Some(got) = record_fast(line, f, all_paths, scratch) {
                assert_eq!(
                    seen(got),
                    want,
                    "fast path differs on {} (all paths: {all_paths})",
                    String::from_utf8_lossy(line)
                );
                *read = true;
            }
        }
        read[0]
    }

    thread_local! {
        /// One scratch for the lines of a test (per set of names), as for the lines of a block:
        /// what a line (or a scan that failed half-way) leaves in it must not change the next
        /// line's record.
        static SCRATCH: std::cell::RefCell<Vec<(JsonFields, Scratch)>> =
            std::cell::RefCell::default();
    }

    fn agree_here(line: &[u8], f: &JsonFields) -> bool {
        SCRATCH.with_borrow_mut(|all| {
            let i = match all.iter().position(|(g, _)| g == f) {
                Some(i) => i,
                None => {
                    all.push((f.clone(), Scratch::default()));
                    all.len() - 1
                }
            };
            agree(line, f, &mut all[i].1)
        })
    }

    fn fast(line: &str, f: &JsonFields) -> bool {
        agree_here(line.as_bytes(), f)
    }

    #[test]
    fn fast_path_reads_the_fixtures_itself() {
        let f = JsonFields::default();
        let mut scratch = Scratch::default();
        let mut lines = 0;
        for text in [
            include_str!("../tests/data/traefik.json"),
            include_str!("../tests/data/gclb.json"),
            include_str!("../tests/data/azure_frontdoor.json"),
            include_str!("../tests/data/azure_appgw.json"),
            include_str!("../tests/data/cloudflare.json"),
            include_str!("../tests/data/caddy_compose.log"),
            include_str!("../tests/data/json.log"),
        ] {
            for line in text.lines() {
                let object = unprefixed(line.as_bytes());
                // (The fixtures have broken lines too.)
                if object.first() == Some(&b'{') && serde_json::from_slice::<Value>(object).is_ok()
                {
                    assert!(agree(line.as_bytes(), &f, &mut scratch), "{line}");
                    lines += 1;
                }
            }
        }
        assert!(lines >= 34, "{lines}");
        let custom = JsonFields {
            status: vec!["resp.code".into()],
            path: vec!["target".into()],
            time: vec!["when".into()],
            client: vec!["who".into()],
        };
        let mut scratch = Scratch::default();
        for line in include_str!("../tests/data/json_custom.log").lines() {
            assert!(agree(line.as_bytes(), &custom, &mut scratch), "{line}");
        }
    }

    #[test]
    fn fast_path_agrees_on_odd_lines() {
        let f = JsonFields::default();
        // Lines the fast path reads itself: the same record as the `Value`.
        for line in [
            r#"{"status":200}"#,
            r#"{"status":200.0,"path":"/a"}"#,
            r#"{"status":200.5}"#,
            r#"{"status":-0}"#,
            r#"{"status":-404}"#,
            r#"{"status":1000}"#,
            r#"{"status":99999999999999999999999}"#,
            r#"{"status":"401.2","path":"/p"}"#,
            r#"{"status":" 404 "}"#,
            r#"{"status":"40x"}"#,
            r#"{"status":"404.x"}"#,
            r#"{"status":true}"#,
            r#"{"status":null}"#,
            r#"{"status":[200]}"#,
            r#"{"status":{"code":200}}"#,
            r#"{"code":200}"#,
            r#"{}"#,
            r#"{ "status" : 404 , "path" : "/x" }  "#,
            "{\t\"status\"\r\n:\n200}",
            // Escapes in values the record does not read.
            r#"{"status":404,"ua":"a \"quoted\" \\ \/ \b\f\n\r\t \u00e9 \u0041","path":"/x"}"#,
            r#"{"status":500,"n":[1,-2.5,0,{"a":[[],{}]},"x\\y",true,false,null],"path":"/"}"#,
            // Times: seconds, milliseconds, nanoseconds, floats, strings.
            r#"{"status":200,"ts":1704178802}"#,
            r#"{"status":200,"ts":1704178802.75}"#,
            r#"{"status":200,"ts":1704178802123}"#,
            r#"{"status":200,"EdgeStartTimestamp":1709337602000000000}"#,
            r#"{"status":200,"ts":-5}"#,
            r#"{"status":200,"time":"17/May/2015:10:05:03 +0000"}"#,
            r#"{"status":200,"time":"2024-03-01T22:00:01.0000000Z"}"#,
            r#"{"status":200,"time":"1704178802"}"#,
            r#"{"status":200,"time":"nonsense"}"#,
            // Nested names; a key with a dot before the nested path.
            r#"{"httpRequest":{"status":503,"requestUrl":"https://h/a?b","remoteIp":"192.0.2.1"},"jsonPayload":{"statusDetails":"backend_timeout"}}"#,
            r#"{"httpRequest":{"status":503,"status":504}}"#,
            r#"{"httpRequest.status":502,"httpRequest":{"status":503}}"#,
            r#"{"request":{"uri":"/r","remote_ip":"::1","x":{"y":1}},"status":502}"#,
            r#"{"properties":{"httpStatusCode":"502","errorInfo":"OriginTimeout","clientIp":"192.0.2.9"}}"#,
            r#"{"properties":{"httpStatus":502,"serverStatus":"0","clientIP":"192.0.2.9"}}"#,
            // Members kept below a kept key are only those the names read: the others, nested
            // look-alikes and the last of equal keys.
            r#"{"properties":{"x":1,"httpStatusCode":"404","y":{"httpStatusCode":"1"},"z":[],"httpStatusCode":"502","clientIp":"192.0.2.9","clientIp":"192.0.2.10"}}"#,
            r#"{"DownstreamStatus":502,"OriginStatus":0,"RequestPath":"/t","ClientHost":"192.0.2.8"}"#,
            r#"{"EdgeResponseStatus":522,"OriginResponseStatus":1000}"#,
            r#"{"EdgeResponseStatus":522,"OriginResponseStatus":{"a":1},"jsonPayload":{"statusDetails":"x"}}"#,
            // Duplicate keys the record does not read.
            r#"{"status":404,"x":1,"x":2}"#,
            // Non-ASCII text, valid UTF-8.
            r#"{"status":404,"path":"/ทดสอบ","ua":"é"}"#,
            // A request line as the path.
            r#"{"status":404,"request":"GET /a?b HTTP/1.1"}"#,
        ] {
            assert!(fast(line, &f), "not read by the fast path: {line}");
        }
        // Lines left to the `Value` path (the check is that the answer is the same).
        for line in [
            // Escapes in what the record reads, in keys; duplicate keys it reads.
            r#"{"status":404,"path":"/a\"b"}"#,
            r#"{"status":"4\u0030\u0034"}"#,
            r#"{"stat\u0075s":404}"#,
            r#"{"status":404,"status":500}"#,
            r#"{"httpRequest":{"status":1},"httpRequest":{"status":503}}"#,
            r#"{"request":{"uri":"/a","ur\u0069":"/b"},"status":500}"#,
            // Surrogates, exponents, deep nesting, the raw-value key.
            r#"{"status":404,"e":"\ud83d\ude00"}"#,
            r#"{"status":404,"e":"\ud800"}"#,
            r#"{"status":404,"n":1e3}"#,
            r#"{"status":404,"n":1e400}"#,
            r#"{"status":2e2}"#,
            r#"{"$serde_json::private::RawValue":"{\"status\":500}"}"#,
            // Invalid JSON.
            r#"{"status":404,}"#,
            r#"{"status":404} x"#,
            r#"{"status":404"#,
            r#"{"status":01}"#,
            r#"{"status":404,"a":1.}"#,
            r#"{"status":404,"a":-}"#,
            r#"{"status":404,"a":tru}"#,
            r#"{"status":404,"a":[1,]}"#,
            r#"{"status":404,"a":{"b":1,}}"#,
            r#"{"status":404,"a":[1}"#,
            r#"{"status":404,"a":"\x"}"#,
            r#"{"status":404,"a":"\u12"}"#,
            "{\"status\":404,\"a\":\"tab\there\"}",
            r#"{"status":404 "path":"/"}"#,
            r#"{status:404}"#,
            // JSON, but not an object (`analyze.rs` calls neither path for these).
            r#"[{"status":404}]"#,
            r#""{\"status\":404}""#,
            "404",
        ] {
            assert!(!fast(line, &f), "read by the fast path: {line}");
        }
        assert_eq!(
            by_value(br#"[{"status":404}]"#, &f, true),
            Err("JSON line is not an object".into())
        );
        // Nesting: 127 levels are JSON to serde_json, 128 not; the fast path leaves both.
        for depth in [50, 99, 100, 101, 127, 128, 200] {
            let line = format!(
                r#"{{"status":404,"a":{}{}}}"#,
                "[".repeat(depth),
                "]".repeat(depth)
            );
            assert_eq!(fast(&line, &f), depth <= 100, "{depth}");
        }
        // Bytes that are not UTF-8, in a string and outside.
        for line in [
            &b"{\"status\":404,\"a\":\"\xff\"}"[..],
            b"{\"status\":404,\"path\":\"/\xc3\"}",
            b"{\"status\":404,\"a\":\"\xe0\xb8\"}",
            b"{\"status\":404}\xa0",
        ] {
            assert!(!agree_here(line, &f));
        }
        // Prefixes of `docker compose logs`.
        assert!(fast(
            r#"caddy-1  | {"status":502,"request":{"uri":"/c"}}"#,
            &f
        ));
        assert!(!fast(r#"caddy-1  | {"status":502,"#, &f));
    }

    #[test]
    fn fast_path_with_configured_names() {
        let f = JsonFields {
            status: vec!["a.b.c".into(), "s".into()],
            path: vec!["".into(), "p.q".into()],
            time: vec![".t".into(), "t.".into(), "when".into()],
            client: vec!["c.d".into(), "c".into()],
        };
        for line in [
            r#"{"a":{"b":{"c":404}},"p":{"q":"/x"},"when":1704178802,"c":{"d":"w"}}"#,
            r#"{"a.b":{"c":404},"a":{"b":{"c":500}}}"#,
            r#"{"a.b.c":401,"a":{"b":{"c":500}},"c":"v"}"#,
            r#"{"a":{"b":{"c":1,"c":503}},"s":200}"#,
            r#"{"a":{"b":[1]},"s":"204","":"/empty","c.d":"direct"}"#,
            r#"{"s":200,"":{"t":5},"t":{"":6}}"#,
            r#"{"s":200,"p":{"q":{"r":1}},"when":"2015-05-17T10:05:03Z"}"#,
            r#"{"status":200}"#,
        ] {
            assert!(fast(line, &f), "not read by the fast path: {line}");
        }
    }

    /// A random JSON value as text, with names the record reads among its keys, and sometimes
    /// a byte of the text changed so that it may not be JSON any more.
    fn json_text() -> impl Strategy<Value = Vec<u8>> {
        let key = prop_oneof![
            Just("status".to_string()),
            Just("path".to_string()),
            Just("request".to_string()),
            Just("uri".to_string()),
            Just("ts".to_string()),
            Just("time".to_string()),
            Just("client".to_string()),
            Just("httpRequest".to_string()),
            Just("remoteIp".to_string()),
            Just("properties".to_string()),
            Just("serverStatus".to_string()),
            Just("errorInfo".to_string()),
            Just("OriginStatus".to_string()),
            Just("request.uri".to_string()),
            Just("x".to_string()),
            Just(String::new()),
            "[a-z.\\\\\"é]{0,6}",
        ];
        let scalar = prop_oneof![
            (0u64..1200).prop_map(|n| n.to_string()),
            Just("200.0".to_string()),
            Just("-0".to_string()),
            Just("1e2".to_string()),
            Just("1704178802.25".to_string()),
            Just("1709337602000000000".to_string()),
            Just("true".to_string()),
            Just("null".to_string()),
            Just("\"401.2\"".to_string()),
            Just("\"2024-03-01T20:00:01Z\"".to_string()),
            Just("\"GET /a?b HTTP/1.1\"".to_string()),
            Just("\"https://h.example/p?q\"".to_string()),
            "\"[ -~é]{0,8}\"",
            "\"([a-z/]|\\\\[\"\\\\/bfnrt]|\\\\u00[0-9a-f]{2}|\\\\ud83d\\\\ude00)*\"",
        ];
        let value = scalar.prop_recursive(3, 24, 5, move |inner| {
            let key = key.clone();
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4)
                    .prop_map(|v| format!("[{}]", v.join(","))),
                prop::collection::vec((key, inner), 0..6).prop_map(|members| {
                    let body: Vec<String> = members
                        .into_iter()
                        .map(|(k, v)| {
                            format!("{}:{v}", serde_json::to_string(&k).unwrap_or_default())
                        })
                        .collect();
                    format!("{{{}}}", body.join(", "))
                }),
            ]
        });
        (
            value,
            any::<bool>(),
            any::<prop::sample::Index>(),
            any::<u8>(),
        )
            .prop_map(|(text, change, at, byte)| {
                let mut text = text.into_bytes();
                if change && !text.is_empty() {
                    let i = at.index(text.len());
                    text[i] = byte;
                }
                text
            })
    }

    /// A random JSON object that the fast path must read itself: no escapes, no exponents,
    /// distinct top-level keys, nesting of a few levels (equal keys below the top level are
    /// fine: the last one counts, as in a `Value`).
    fn plain_object() -> impl Strategy<Value = String> {
        let key = prop_oneof![
            Just("status"),
            Just("path"),
            Just("request"),
            Just("uri"),
            Just("ts"),
            Just("time"),
            Just("httpRequest"),
            Just("remoteIp"),
            Just("properties"),
            Just("serverStatus"),
            Just("errorInfo"),
            Just("OriginStatus"),
            Just("request.uri"),
            Just("x"),
            Just(""),
        ];
        let scalar = prop_oneof![
            (0u64..1200).prop_map(|n| n.to_string()),
            Just("200.0".to_string()),
            Just("-0".to_string()),
            Just("-12.5".to_string()),
            Just("1704178802.25".to_string()),
            Just("1709337602000000000".to_string()),
            Just("123456789012345678901234567890".to_string()),
            Just("false".to_string()),
            Just("null".to_string()),
            Just("\"401.2\"".to_string()),
            Just("\"2024-03-01T20:00:01Z\"".to_string()),
            Just("\"GET /a?b HTTP/1.1\"".to_string()),
            "\"[ !#-\\[\\]-~é]{0,12}\"",
        ];
        let member = key.clone();
        let value = scalar.prop_recursive(3, 24, 5, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4)
                    .prop_map(|v| format!("[ {} ]", v.join(" , "))),
                prop::collection::vec((member.clone(), inner), 0..6).prop_map(|members| {
                    let body: Vec<String> = members
                        .into_iter()
                        .map(|(k, v)| format!("\"{k}\":{v}"))
                        .collect();
                    format!("{{{}}}", body.join(","))
                }),
            ]
        });
        prop::collection::btree_map(key, value, 0..8).prop_map(|members| {
            let body: Vec<String> = members
                .into_iter()
                .map(|(k, v)| format!("\"{k}\": {v}"))
                .collect();
            format!("{{{}}}", body.join(","))
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        #[test]
        fn fast_path_reads_plain_objects(text in plain_object()) {
            let f = JsonFields::default();
            prop_assert!(agree_here(text.as_bytes(), &f), "{}", text);
        }

        #[test]
        fn fast_path_agrees_with_value(text in json_text()) {
            let f = JsonFields::default();
            agree_here(&text, &f);
            let custom = JsonFields {
                status: vec!["request.uri".into(), "x".into()],
                path: vec![".uri".into(), "httpRequest.remoteIp".into()],
                time: vec!["status".into()],
                client: vec!["".into(), "properties.errorInfo".into()],
            };
            agree(&text, &custom, &mut Scratch::default());
            agree_here(&text, &custom);
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
