//! Cookies (httpbin, go-httpbin).
//!
//! - `/cookies`: `{"cookies": {"name": "value", ...}}` from the request's `Cookie` headers. A name
//!   sent twice keeps its first value (as httpbin); a value in double quotes is shown without them.
//! - `/cookies/set?name=value&...`: 302 to `/cookies` with one `Set-Cookie: name=value; Path=/` per
//!   name (a name repeated in the query keeps its first value, as httpbin).
//! - `/cookies/set/{name}/{value}`: the same for one cookie (httpbin).
//! - `/cookies/delete?name&...`: 302 to `/cookies`, expiring each named cookie with `Max-Age=0`,
//!   an `Expires` in 1970 and `Path=/`.
//!
//! Caps: at most 20 cookies per request and 4096 bytes per name and value together (the `Cookie`
//! header `/cookies` reads is bounded by the server's request-head limit). A name that
//! is not an RFC 6265 token, or a value with bytes outside cookie-octet (space, `"`, `,`, `;`, `\`,
//! controls, non-ASCII), is a 400 naming it, where httpbin quotes or passes such values on.
//! GET and HEAD only (as httpbin; go-httpbin answers any method); others get a real 405.

use axum::extract::rejection::PathRejection;
use axum::extract::Path;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use serde_json::{json, Map, Value};

use super::{bad_request, json_response, only, path_param, shorten};
use crate::routes::status::query_pairs;
use crate::state::AppState;

/// Most cookies one `/cookies/set` or `/cookies/delete` request may name.
pub(super) const MAX_COOKIES: usize = 20;
/// Longest name and value together, in bytes (what browsers keep at least).
pub(super) const MAX_COOKIE_BYTES: usize = 4096;

const GET_HEAD: &str = "GET, HEAD, OPTIONS";

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/cookies", only(get(cookies), GET_HEAD))
        .route("/cookies/set", only(get(set_query), GET_HEAD))
        .route("/cookies/set/{name}/{value}", only(get(set_path), GET_HEAD))
        .route("/cookies/delete", only(get(delete), GET_HEAD))
}

/// The cookies of a request, in order, as (name, value).
fn request_cookies(headers: &HeaderMap) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for value in headers.get_all(header::COOKIE) {
        let text = String::from_utf8_lossy(value.as_bytes());
        for pair in text.split(';') {
            let Some((name, value)) = pair.split_once('=') else {
                continue;
            };
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            let value = value.trim();
            let value = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .unwrap_or(value);
            out.push((name.to_string(), value.to_string()));
        }
    }
    out
}

async fn cookies(headers: HeaderMap) -> Response {
    let mut map = Map::new();
    for (name, value) in request_cookies(&headers) {
        map.entry(name).or_insert(Value::String(value));
    }
    json_response(StatusCode::OK, &json!({ "cookies": map }))
}

/// RFC 6265 cookie-name: an RFC 7230 token.
fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// RFC 6265 cookie-value without the optional double quotes: cookie-octets only.
fn is_cookie_value(s: &str) -> bool {
    s.bytes()
        .all(|b| matches!(b, 0x21 | 0x23..=0x2B | 0x2D..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E))
}

/// Checks one cookie to set; the error names it.
fn check(name: &str, value: &str) -> Result<(), String> {
    if !is_token(name) {
        return Err(format!(
            "cookie name {:?} is not valid: a name is 1 or more letters, digits or !#$%&'*+-.^_`|~",
            shorten(name)
        ));
    }
    if !is_cookie_value(value) {
        return Err(format!(
            "the value of cookie {name} has characters not allowed in a cookie (space, double quote, comma, semicolon, backslash, control or non-ASCII characters)"
        ));
    }
    if name.len() + value.len() > MAX_COOKIE_BYTES {
        return Err(format!(
            "cookie {} is {} bytes long; at most {MAX_COOKIE_BYTES} bytes of name and value are accepted",
            shorten(name),
            name.len() + value.len()
        ));
    }
    Ok(())
}

/// The distinct names of the query, each with its first value, all checked.
fn query_cookies(uri: &Uri) -> Result<Vec<(String, String)>, String> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (name, value) in query_pairs(uri.query())? {
        if out.iter().any(|(n, _)| *n == name) {
            continue;
        }
        check(&name, &value)?;
        out.push((name, value));
        if out.len() > MAX_COOKIES {
            return Err(format!(
                "more than {MAX_COOKIES} cookies named; at most {MAX_COOKIES} are accepted per request"
            ));
        }
    }
    Ok(out)
}

/// 302 to `/cookies` with these `Set-Cookie` lines.
fn redirect_with(lines: impl IntoIterator<Item = String>, headers: &HeaderMap) -> Response {
    let mut res = Response::new(axum::body::Body::empty());
    *res.status_mut() = StatusCode::FOUND;
    res.headers_mut()
        .insert(header::LOCATION, HeaderValue::from_static("/cookies"));
    for line in lines {
        // The names and values were checked: always a valid header value.
        match HeaderValue::from_str(&line) {
            Ok(v) => {
                res.headers_mut().append(header::SET_COOKIE, v);
            }
            Err(_) => return bad_request(headers, "a cookie could not be written as a header"),
        }
    }
    res
}

async fn set_query(uri: Uri, headers: HeaderMap) -> Response {
    match query_cookies(&uri) {
        Ok(pairs) => redirect_with(
            pairs.into_iter().map(|(n, v)| format!("{n}={v}; Path=/")),
            &headers,
        ),
        Err(m) => bad_request(&headers, m),
    }
}

async fn set_path(
    path: Result<Path<(String, String)>, PathRejection>,
    headers: HeaderMap,
) -> Response {
    let (name, value) = match path_param(path, &headers) {
        Ok(p) => p,
        Err(res) => return res,
    };
    if let Err(m) = check(&name, &value) {
        return bad_request(&headers, m);
    }
    redirect_with([format!("{name}={value}; Path=/")], &headers)
}

async fn delete(uri: Uri, headers: HeaderMap) -> Response {
    match query_cookies(&uri) {
        Ok(pairs) => redirect_with(
            pairs.into_iter().map(|(n, _)| {
                format!("{n}=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/")
            }),
            &headers,
        ),
        Err(m) => bad_request(&headers, m),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_values() {
        assert!(is_token("session_id") && is_token("a.b-c!"));
        for bad in ["", "a b", "a=b", "a;b", "é", "a\"", "(x)"] {
            assert!(!is_token(bad), "{bad:?}");
        }
        assert!(is_cookie_value("") && is_cookie_value("abc123-._~!#$%&'()*+/:<=>?@[]^`{|}"));
        for bad in ["a b", "a,b", "a;b", "a\\b", "\"q\"", "é", "a\tb"] {
            assert!(!is_cookie_value(bad), "{bad:?}");
        }
    }

    #[test]
    fn request_cookies_are_parsed() {
        let mut h = HeaderMap::new();
        h.append(
            header::COOKIE,
            HeaderValue::from_static("a=1; b=\"q\"; junk; =x"),
        );
        h.append(header::COOKIE, HeaderValue::from_static("a=2;c="));
        assert_eq!(
            request_cookies(&h),
            [
                ("a".to_string(), "1".to_string()),
                ("b".to_string(), "q".to_string()),
                ("a".to_string(), "2".to_string()),
                ("c".to_string(), String::new()),
            ]
        );
    }
}
