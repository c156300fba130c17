//! Echo endpoints (httpbin): the request comes back as JSON, and the statuses come from the
//! real mechanisms around a body.
//!
//! - `/anything`, `/anything/{*rest}`: any method; method, URL, args, headers, origin and the
//!   body (`data`, `form`, `files`, `json`).
//! - `/get` (and go-httpbin's `/head`, HEAD only): `args`, `headers`, `origin`, `url`;
//!   `/post`, `/put`, `/patch`, `/delete`: the same plus the body, without `method`: httpbin's
//!   shapes. Another method gets a real 405 with `Allow` (from the method router).
//!
//! Values are strings, a list only when a name repeats; `data` is the body as text when it is
//! UTF-8 (a base64 data URL otherwise); a body with `Content-Encoding` gzip, deflate or br is
//! decoded first. As in httpbin, headers that proxies add about the client (`X-Forwarded-For`,
//! `Via` ...) are left out of `headers` unless the query has `show_env`. A HEAD request is
//! answered with the headers of the GET answer (RFC 9110 §9.3.2), so the echoed method of a
//! HEAD is `GET`: no one sees that body, and `Content-Length` agrees with GET's.
//! - `/upload`: POST JSON or a form; a body over `--max-body` gets a real 413, another
//!   Content-Type a real 415 with `Accept-Post`.
//! - `/expect`: POST with `Expect: 100-continue`: hyper sends a real `100 Continue` when the body
//!   is read, then 200; another expectation gets 417.
//! - `/response-headers?K=V`: the query becomes response headers, with the same safety rules as
//!   `header=` on the status endpoints.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Request, State};
use axum::response::Response;
use axum::routing::{any, delete, get, head, patch, post, put};
use axum::Router;
use base64::Engine as _;
use http::header::{self, HeaderName};
use http::request::Parts;
use http::{HeaderMap, HeaderValue, StatusCode, Uri};
use serde_json::{json, Map, Value};

use super::{
    bad_request, discard, error, expects_continue, json_response, only, read_body, refuse_body,
    shorten,
};
use crate::routes::status::{query_pairs, MAX_EXTRA_HEADERS};
use crate::state::AppState;

/// What `/upload` accepts, for `Accept-Post` and the 415 message.
const UPLOAD_TYPES: &str = "application/json, application/x-www-form-urlencoded";
/// Request headers that proxies and platforms add about the client and the route, left out
/// of echoed headers unless the query has `show_env` (as httpbin does).
const PROXY_HEADERS: [&str; 15] = [
    "X-Varnish",
    "X-Request-Start",
    "X-Heroku-Queue-Depth",
    "X-Real-Ip",
    "X-Forwarded-Proto",
    "X-Forwarded-Protocol",
    "X-Forwarded-Ssl",
    "X-Heroku-Queue-Wait-Time",
    "X-Forwarded-For",
    "X-Heroku-Dynos-In-Use",
    "X-Forwarded-Port",
    "X-Request-Id",
    "Via",
    "Total-Route-Time",
    "Connect-Time",
];
/// Most parts one multipart body may have.
const MAX_PARTS: usize = 1000;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/anything", any(anything))
        .route("/anything/", any(anything))
        .route("/anything/{*rest}", any(anything))
        .route("/get", only(get(get_echo), "GET, HEAD, OPTIONS"))
        .route("/head", only(head(get_echo), "HEAD, OPTIONS"))
        .route("/post", only(post(body_echo), "POST, OPTIONS"))
        .route("/put", only(put(body_echo), "PUT, OPTIONS"))
        .route("/patch", only(patch(body_echo), "PATCH, OPTIONS"))
        .route("/delete", only(delete(body_echo), "DELETE, OPTIONS"))
        .route("/upload", only(post(upload), "POST, OPTIONS"))
        .route("/expect", only(post(expect), "POST, OPTIONS"))
        .route(
            "/response-headers",
            only(
                get(response_headers).post(response_headers),
                "GET, HEAD, POST, OPTIONS",
            ),
        )
}

async fn anything(State(state): State<AppState>, req: Request) -> Response {
    match echo(&state, req).await {
        Ok(fields) => json_response(StatusCode::OK, &Value::Object(fields)),
        Err(res) => res,
    }
}

/// `/get`: the request without a body, as httpbin shows it (no `method`).
async fn get_echo(req: Request) -> Response {
    let (parts, _body) = req.into_parts();
    match request_info(&parts) {
        Ok(mut fields) => {
            fields.remove("method");
            json_response(StatusCode::OK, &Value::Object(fields))
        }
        Err(res) => res,
    }
}

/// `/post`, `/put`, `/patch`, `/delete`: the request with its body (no `method`).
async fn body_echo(State(state): State<AppState>, req: Request) -> Response {
    match echo(&state, req).await {
        Ok(mut fields) => {
            fields.remove("method");
            json_response(StatusCode::OK, &Value::Object(fields))
        }
        Err(res) => res,
    }
}

/// httpbin's description of a request: `args`, `data`, `files`, `form`, `headers`, `json`,
/// `method`, `origin`, `url`. The body is read up to the server's limit (413 above it).
pub(super) async fn echo(state: &AppState, req: Request) -> Result<Map<String, Value>, Response> {
    let (parts, body) = req.into_parts();
    let mut out = match request_info(&parts) {
        Ok(out) => out,
        Err(res) => {
            refuse_body(&parts.headers, body);
            return Err(res);
        }
    };
    let bytes = read_body(&parts.headers, body, state.config.max_body_bytes).await?;
    let decoded =
        decode_body(&parts.headers, &bytes).map_err(|m| bad_request(&parts.headers, m))?;
    out.insert("data".into(), decoded.data);
    out.insert("files".into(), Value::Object(decoded.files));
    out.insert("form".into(), Value::Object(decoded.form));
    out.insert("json".into(), decoded.json);
    Ok(out)
}

/// The parts of the echo that do not need the body.
pub(super) fn request_info(parts: &Parts) -> Result<Map<String, Value>, Response> {
    let args = query_pairs(parts.uri.query()).map_err(|m| bad_request(&parts.headers, m))?;
    let origin = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(String::new, |ci| ci.0.ip().to_string());
    let url = match super::redirect::base_url(&parts.headers, &parts.uri) {
        Ok(base) => format!("{base}{}", path_and_query(&parts.uri)),
        Err(_) => path_and_query(&parts.uri).to_string(),
    };
    let show_env = args.iter().any(|(k, _)| k == "show_env");
    let mut headers = header_map(&parts.headers);
    if !show_env {
        headers.retain(|name, _| !PROXY_HEADERS.iter().any(|p| p.eq_ignore_ascii_case(name)));
    }
    // HEAD is answered with GET's headers, so its (unsent) body is GET's.
    let method = if parts.method == http::Method::HEAD {
        "GET"
    } else {
        parts.method.as_str()
    };
    let mut out = Map::new();
    out.insert("args".into(), Value::Object(multi_map(args)));
    out.insert("headers".into(), Value::Object(headers));
    out.insert("method".into(), Value::String(method.to_string()));
    out.insert("origin".into(), Value::String(origin));
    out.insert("url".into(), Value::String(url));
    Ok(out)
}

fn path_and_query(uri: &Uri) -> &str {
    uri.path_and_query().map_or("/", |pq| pq.as_str())
}

/// Pairs as httpbin shows them: a string for one value, a list for several.
pub(super) fn multi_map(pairs: impl IntoIterator<Item = (String, String)>) -> Map<String, Value> {
    let mut map = Map::new();
    for (k, v) in pairs {
        match map.get_mut(&k) {
            Some(Value::Array(list)) => list.push(Value::String(v)),
            Some(existing) => {
                let first = existing.take();
                *existing = Value::Array(vec![first, Value::String(v)]);
            }
            None => {
                map.insert(k, Value::String(v));
            }
        }
    }
    map
}

/// Request headers as httpbin shows them: `Title-Case` names, repeated values joined by commas.
pub(super) fn header_map(headers: &HeaderMap) -> Map<String, Value> {
    let mut map = Map::new();
    for name in headers.keys() {
        let joined = headers
            .get_all(name)
            .iter()
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            .collect::<Vec<_>>()
            .join(",");
        map.insert(title_case(name.as_str()), Value::String(joined));
    }
    map
}

pub(super) use crate::h1::title_case;

/// The media type of the request body, lower-cased, without parameters.
pub(super) fn media_type(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let essence = value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    (!essence.is_empty()).then_some(essence)
}

/// A parameter of the request's Content-Type, such as `boundary`, unquoted.
fn content_type_param(headers: &HeaderMap, name: &str) -> Option<String> {
    let value = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    value.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case(name)
            .then(|| v.trim().trim_matches('"').to_string())
    })
}

struct BodyEcho {
    data: Value,
    form: Map<String, Value>,
    files: Map<String, Value>,
    json: Value,
}

/// Text as it is, anything else as a base64 data URL (as httpbin does).
fn as_text_or_data_url(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => format!(
            "data:application/octet-stream;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(bytes)
        ),
    }
}

fn decode_form(bytes: &[u8]) -> Result<Vec<(String, String)>, String> {
    let text =
        std::str::from_utf8(bytes).map_err(|_| "the form body is not valid UTF-8".to_string())?;
    query_pairs(Some(text))
        .map_err(|_| "the form body is not valid UTF-8 after percent-decoding".to_string())
}

fn decode_body(headers: &HeaderMap, bytes: &[u8]) -> Result<BodyEcho, String> {
    let mut echo = BodyEcho {
        data: Value::String(String::new()),
        form: Map::new(),
        files: Map::new(),
        json: Value::Null,
    };
    match media_type(headers).as_deref() {
        Some("application/x-www-form-urlencoded") => echo.form = multi_map(decode_form(bytes)?),
        Some("multipart/form-data") => {
            let boundary = content_type_param(headers, "boundary")
                .ok_or("multipart/form-data needs a boundary parameter in Content-Type")?;
            let (fields, files) = parse_multipart(bytes, &boundary)?;
            echo.form = multi_map(fields);
            echo.files = multi_map(files);
        }
        _ => {
            echo.data = Value::String(as_text_or_data_url(bytes));
            echo.json = serde_json::from_slice(bytes).unwrap_or(Value::Null);
        }
    }
    Ok(echo)
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

type Pairs = Vec<(String, String)>;

/// A small `multipart/form-data` reader: fields go to `form`, parts with a filename to `files`.
fn parse_multipart(body: &[u8], boundary: &str) -> Result<(Pairs, Pairs), String> {
    if boundary.is_empty() || boundary.len() > 70 {
        return Err("the multipart boundary must be 1 to 70 characters".into());
    }
    let malformed = |what: &str| format!("the multipart body is malformed: {what}");
    let delimiter = format!("--{boundary}").into_bytes();
    let next_part = [b"\r\n".as_slice(), &delimiter].concat();
    let mut pos = find(body, &delimiter, 0).ok_or_else(|| malformed("no opening boundary"))?;
    let (mut fields, mut files) = (Vec::new(), Vec::new());
    loop {
        pos += delimiter.len();
        let rest = body.get(pos..).unwrap_or_default();
        if rest.starts_with(b"--") {
            return Ok((fields, files));
        }
        if !rest.starts_with(b"\r\n") {
            return Err(malformed("a boundary line is not followed by CRLF"));
        }
        let start = pos + 2;
        let (head, content_start) = if body.get(start..).is_some_and(|r| r.starts_with(b"\r\n")) {
            (&body[start..start], start + 2)
        } else {
            let end = find(body, b"\r\n\r\n", start)
                .ok_or_else(|| malformed("a part has no end of headers"))?;
            (&body[start..end], end + 4)
        };
        let end = find(body, &next_part, content_start)
            .ok_or_else(|| malformed("no closing boundary"))?;
        let content = &body[content_start..end];
        if fields.len() + files.len() >= MAX_PARTS {
            return Err(format!(
                "the multipart body has more than {MAX_PARTS} parts"
            ));
        }
        let (name, filename) = disposition(head);
        if let Some(name) = name {
            match filename {
                Some(_) => files.push((name, as_text_or_data_url(content))),
                None => fields.push((name, String::from_utf8_lossy(content).into_owned())),
            }
        }
        pos = end + 2;
    }
}

/// `name` and `filename` from a part's `Content-Disposition: form-data; name="a"; filename="b"`.
fn disposition(head: &[u8]) -> (Option<String>, Option<String>) {
    let head = String::from_utf8_lossy(head);
    let Some(line) = head.split("\r\n").find_map(|line| {
        let (k, v) = line.split_once(':')?;
        k.trim()
            .eq_ignore_ascii_case("content-disposition")
            .then_some(v)
    }) else {
        return (None, None);
    };
    let (mut name, mut filename) = (None, None);
    let mut rest = line;
    while let Some(i) = rest.find(';') {
        rest = &rest[i + 1..];
        let Some((key, after)) = rest.split_once('=') else {
            break;
        };
        let key = key.trim().to_ascii_lowercase();
        let after = after.trim_start();
        let (value, remaining) = if let Some(quoted) = after.strip_prefix('"') {
            let close = quoted.find('"').unwrap_or(quoted.len());
            (&quoted[..close], quoted.get(close + 1..).unwrap_or(""))
        } else {
            let close = after.find(';').unwrap_or(after.len());
            (after[..close].trim(), &after[close..])
        };
        match key.as_str() {
            "name" => name = Some(value.to_string()),
            "filename" => filename = Some(value.to_string()),
            _ => {}
        }
        rest = remaining;
    }
    (name, filename)
}

/// POST a JSON document or a form: 200 with what was received. Another Content-Type gets a real
/// 415 with `Accept-Post`; a body over the limit a real 413.
async fn upload(State(state): State<AppState>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let headers = &parts.headers;
    let kind = media_type(headers);
    let is_json = match kind.as_deref() {
        Some("application/json") => true,
        Some("application/x-www-form-urlencoded") => false,
        other => {
            refuse_body(headers, body);
            let got = other.map_or_else(
                || "no Content-Type".to_string(),
                |t| format!("Content-Type {}", shorten(t)),
            );
            let mut res = error(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                headers,
                format!("/upload accepts {UPLOAD_TYPES}; the request has {got}"),
            );
            res.headers_mut()
                .insert("accept-post", HeaderValue::from_static(UPLOAD_TYPES));
            return res;
        }
    };
    let bytes = match read_body(headers, body, state.config.max_body_bytes).await {
        Ok(b) => b,
        Err(res) => return res,
    };
    let content = if is_json {
        match serde_json::from_slice::<Value>(&bytes) {
            Ok(v) => json!({ "json": v }),
            Err(e) => return bad_request(headers, format!("the body is not valid JSON: {e}")),
        }
    } else {
        match decode_form(&bytes) {
            Ok(pairs) => json!({ "form": multi_map(pairs) }),
            Err(m) => return bad_request(headers, m),
        }
    };
    let mut out = json!({ "received_bytes": bytes.len(), "content_type": kind });
    if let (Some(out), Value::Object(content)) = (out.as_object_mut(), content) {
        out.extend(content);
    }
    json_response(StatusCode::OK, &out)
}

/// `Expect: 100-continue` gets a real interim `100 Continue` (hyper sends it when the body is
/// first read) and then 200; any other expectation gets 417.
async fn expect(State(state): State<AppState>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let headers = &parts.headers;
    let expectation = headers
        .get(header::EXPECT)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    let continued = expects_continue(headers);
    if let (Some(value), false) = (&expectation, continued) {
        discard(body);
        return error(
            StatusCode::EXPECTATION_FAILED,
            headers,
            format!(
                "Expect: {} cannot be met; the only expectation this server knows is 100-continue",
                shorten(value)
            ),
        );
    }
    let bytes = match read_body(headers, body, state.config.max_body_bytes).await {
        Ok(b) => b,
        Err(res) => return res,
    };
    let interim = if continued {
        "100 Continue was sent before this response"
    } else {
        "none: send Expect: 100-continue to get a 100 Continue before the final response"
    };
    json_response(
        StatusCode::OK,
        &json!({ "expect": expectation, "interim": interim, "received_bytes": bytes.len() }),
    )
}

/// Why `/response-headers` will not set `name: value`, if it will not: framing and hop-by-hop
/// fields would corrupt the message, `X-Content-Type-Options` and `Access-Control-*` are this
/// server's policy, and a `Content-Type` that a browser renders as a document (HTML, XML, SVG
/// ...) would turn the reflected query into script on this origin (the class of go-httpbin's
/// CVE-2025-45286). `Location`, `Set-Cookie` and other content types are set as asked, as
/// httpbin does.
fn response_header_refusal(name: &HeaderName, value: &str) -> Option<&'static str> {
    let n = name.as_str();
    if crate::routes::status::is_framing(n) {
        return Some("framing and hop-by-hop headers are set by the server");
    }
    if n == "x-content-type-options" || n.starts_with("access-control-") {
        return Some("X-Content-Type-Options and CORS headers are this server's policy");
    }
    if n == "content-type" && renders_as_document(value) {
        return Some(
            "a Content-Type a browser renders as a document (HTML, XML, SVG) would run the reflected query as script",
        );
    }
    None
}

/// Whether a browser would render a body of this media type as a document that can run script.
fn renders_as_document(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence.is_empty()
        || essence.contains("html")
        || essence.contains("xml")
        || essence.contains("svg")
        || essence.contains("xsl")
        || essence.starts_with("multipart/")
        || !essence.contains('/')
}

/// The query string becomes response headers (httpbin), and the body is a JSON object of every
/// header set this way plus the response's own `Content-Type` and `Content-Length`, as httpbin
/// shows them. Unsafe headers are refused with 400 (see [`response_header_refusal`]).
async fn response_headers(uri: Uri, headers: HeaderMap) -> Response {
    let pairs = match query_pairs(uri.query()) {
        Ok(p) => p,
        Err(m) => return bad_request(&headers, m),
    };
    if pairs.len() > MAX_EXTRA_HEADERS {
        return bad_request(
            &headers,
            format!(
                "{} headers asked for; at most {MAX_EXTRA_HEADERS} are accepted",
                pairs.len()
            ),
        );
    }
    let mut extra = Vec::with_capacity(pairs.len());
    let mut content_type = HeaderValue::from_static("application/json");
    for (k, v) in &pairs {
        let Ok(name) = HeaderName::from_bytes(k.as_bytes()) else {
            return bad_request(
                &headers,
                format!("{:?} is not a valid header name", shorten(k)),
            );
        };
        if let Some(why) = response_header_refusal(&name, v) {
            return bad_request(
                &headers,
                format!("header {name} cannot be set through /response-headers: {why}"),
            );
        }
        let Ok(value) = HeaderValue::from_str(v) else {
            return bad_request(
                &headers,
                format!("the value of header {name} has characters not allowed in a header"),
            );
        };
        if name == header::CONTENT_TYPE {
            content_type = value;
        } else {
            extra.push((name, value));
        }
    }
    let mut echo = multi_map(
        pairs
            .into_iter()
            .filter(|(k, _)| !k.eq_ignore_ascii_case("content-type")),
    );
    echo.insert(
        "Content-Type".into(),
        Value::String(String::from_utf8_lossy(content_type.as_bytes()).into_owned()),
    );
    // The body names its own length: find the length that stays the same once written in.
    let mut length = 0usize;
    let mut body = Vec::new();
    for _ in 0..5 {
        echo.insert("Content-Length".into(), Value::String(length.to_string()));
        body = serde_json::to_vec_pretty(&Value::Object(echo.clone())).unwrap_or_default();
        body.push(b'\n');
        if body.len() == length {
            break;
        }
        length = body.len();
    }
    let mut res = Response::new(axum::body::Body::from(body));
    res.headers_mut().insert(header::CONTENT_TYPE, content_type);
    for (name, value) in extra {
        res.headers_mut().append(name, value);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multipart_fields_and_files() {
        let body = b"preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\none\r\n--XyZ\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x;y.txt\"\r\nContent-Type: text/plain\r\n\r\nfile body\r\n--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\ntwo\r\n--XyZ--\r\n";
        let (fields, files) = parse_multipart(body, "XyZ").unwrap();
        assert_eq!(
            fields,
            [
                ("a".to_string(), "one".to_string()),
                ("a".to_string(), "two".to_string())
            ]
        );
        assert_eq!(files, [("f".to_string(), "file body".to_string())]);
        for bad in [
            &b"no boundary"[..],
            b"--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end",
            b"--XyZnope",
        ] {
            assert!(parse_multipart(bad, "XyZ").is_err());
        }
        assert!(parse_multipart(b"", "").is_err());
    }

    #[test]
    fn response_header_rules() {
        let refused = |n: &str, v: &str| {
            response_header_refusal(&HeaderName::from_bytes(n.as_bytes()).unwrap(), v).is_some()
        };
        for (n, v) in [
            ("Location", "https://example.com/"),
            ("Set-Cookie", "a=b"),
            ("Content-Type", "text/plain"),
            ("Content-Type", "application/json; charset=utf-8"),
            ("X-Anything", "1"),
        ] {
            assert!(!refused(n, v), "{n}: {v}");
        }
        for (n, v) in [
            ("Content-Length", "1"),
            ("Transfer-Encoding", "chunked"),
            ("Connection", "close"),
            ("Content-Type", "text/html"),
            ("Content-Type", "TEXT/HTML; charset=utf-8"),
            ("Content-Type", "application/xhtml+xml"),
            ("Content-Type", "image/svg+xml"),
            ("Content-Type", "text/xml"),
            ("Content-Type", "nonsense"),
            ("Content-Type", ""),
            ("X-Content-Type-Options", "none"),
            ("Access-Control-Allow-Origin", "*"),
        ] {
            assert!(refused(n, v), "{n}: {v}");
        }
    }

    #[test]
    fn names_and_maps() {
        assert_eq!(title_case("x-forwarded-for"), "X-Forwarded-For");
        assert_eq!(title_case("te"), "Te");
        let m = multi_map([
            ("a".into(), "1".into()),
            ("a".into(), "2".into()),
            ("b".into(), "3".into()),
            ("a".into(), "4".into()),
        ]);
        assert_eq!(Value::Object(m), json!({ "a": ["1", "2", "4"], "b": "3" }));
    }
}
