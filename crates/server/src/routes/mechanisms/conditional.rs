//! Conditional requests (RFC 9110 §13): `/cache`, `/cache/{n}` and `/etag/{etag}` (httpbin).
//!
//! Preconditions are evaluated in the order of RFC 9110 §13.2.2: `If-Match` (strong comparison;
//! a mismatch is 412), else `If-Unmodified-Since`; then `If-None-Match` (weak comparison; a
//! match is 304 for GET and HEAD, 412 otherwise), else `If-Modified-Since` (GET and HEAD only;
//! an invalid date is ignored). A 304 carries the validators and `Cache-Control` that a 200 would
//! have, and no body. Entity tags must be quoted (RFC 9110 §8.8.3): a field with an unquoted
//! member such as `abc` is invalid, so an invalid `If-None-Match` is ignored (the request goes
//! on as if it had none) and an invalid `If-Match` cannot match (412). (httpbin reads unquoted
//! tags leniently.)
//!
//! `/cache` follows httpbin's rule instead: any `If-None-Match` or `If-Modified-Since` gives 304,
//! whatever its value, as httpbin's clients expect; `/etag/{etag}` evaluates exactly.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Request, State};
use axum::response::Response;
use axum::routing::{any, get};
use axum::Router;
use http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use httpstatus_codes::Lang;
use serde_json::Value;

use super::{bad_request, error, json_response, only, parse_count, path_param};
use crate::negotiate::Format;
use crate::routes::status::{build, Options};
use crate::state::AppState;

/// The `Last-Modified` of the representations here: fixed, so every replica agrees.
pub(super) fn last_modified() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(1_735_689_600) // 2025-01-01T00:00:00Z
}

/// The strong entity tag of `/cache`.
const CACHE_ETAG: &str = "\"httpstatus-cache-1\"";
/// Largest max-age for `/cache/{n}` (RFC 9111 §1.2.2).
const MAX_AGE: u64 = 2_147_483_648;
/// Longest entity tag `/etag/{etag}` accepts.
const MAX_ETAG: usize = 256;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/cache", only(get(cache), "GET, HEAD, OPTIONS"))
        .route("/cache/{n}", only(get(cache_n), "GET, HEAD, OPTIONS"))
        .route("/etag/{etag}", any(etag))
}

/// The outcome of a request's preconditions.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Outcome {
    /// Go on and answer.
    Proceed,
    /// 304: the client's copy is current.
    NotModified,
    /// 412, with the reason.
    Failed(String),
}

/// One member of an `If-Match` / `If-None-Match` list.
#[derive(Debug, PartialEq, Eq)]
struct Tag {
    weak: bool,
    opaque: String,
}

/// `*` (`Ok(None)`) or the listed tags; `Err` when a member is not a quoted entity tag.
/// Quoted tags may contain commas.
fn parse_tags(values: &str) -> Result<Option<Vec<Tag>>, ()> {
    if values.trim() == "*" {
        return Ok(None);
    }
    let mut tags = Vec::new();
    let mut rest = values;
    loop {
        rest = rest.trim_start_matches(|c: char| c == ',' || c.is_ascii_whitespace());
        if rest.is_empty() {
            return Ok(Some(tags));
        }
        let weak = rest.starts_with("W/") || rest.starts_with("w/");
        if weak {
            rest = &rest[2..];
        }
        if let Some(quoted) = rest.strip_prefix('"') {
            let end = quoted.find('"').unwrap_or(quoted.len());
            tags.push(Tag {
                weak,
                opaque: quoted[..end].to_string(),
            });
            rest = quoted.get(end + 1..).unwrap_or("");
        } else {
            return Err(());
        }
    }
}

/// The tag of an `ETag` value such as `"abc"` or `W/"abc"`.
fn own_tag(etag: &str) -> Tag {
    parse_tags(etag)
        .ok()
        .flatten()
        .and_then(|mut t| t.pop())
        .unwrap_or(Tag {
            weak: false,
            opaque: String::new(),
        })
}

fn strong_match(a: &Tag, b: &Tag) -> bool {
    !a.weak && !b.weak && a.opaque == b.opaque
}

fn weak_match(a: &Tag, b: &Tag) -> bool {
    a.opaque == b.opaque
}

fn joined(headers: &HeaderMap, name: header::HeaderName) -> Option<String> {
    let values: Vec<&str> = headers
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    (!values.is_empty()).then(|| values.join(","))
}

fn date(headers: &HeaderMap, name: header::HeaderName) -> Option<SystemTime> {
    let mut values = headers.get_all(name).iter();
    let value = values.next()?;
    if values.next().is_some() {
        return None; // more than one member: ignored (RFC 9110 §13.1.3, §13.1.4)
    }
    httpdate::parse_http_date(value.to_str().ok()?).ok()
}

/// Evaluates the preconditions of a request against the representation's validators
/// (RFC 9110 §13.2.2).
pub(super) fn evaluate(
    method: &Method,
    headers: &HeaderMap,
    etag: &str,
    modified: Option<SystemTime>,
) -> Outcome {
    let current = own_tag(etag);
    let safe = matches!(*method, Method::GET | Method::HEAD);
    if let Some(list) = joined(headers, header::IF_MATCH) {
        let ok = match parse_tags(&list) {
            Ok(None) => true,
            Ok(Some(tags)) => tags.iter().any(|t| strong_match(t, &current)),
            Err(()) => false, // an invalid list matches nothing
        };
        if !ok {
            return Outcome::Failed(format!(
                "If-Match: none of the given entity tags matches the current one, {etag} (strong comparison; weak tags never match)"
            ));
        }
    } else if let (Some(since), Some(modified)) =
        (date(headers, header::IF_UNMODIFIED_SINCE), modified)
    {
        if modified > since {
            return Outcome::Failed(format!(
                "If-Unmodified-Since: the representation was modified at {}, after the given date",
                httpdate::fmt_http_date(modified)
            ));
        }
    }
    // An invalid If-None-Match is ignored, as if it were not there.
    let none_match = joined(headers, header::IF_NONE_MATCH).and_then(|l| parse_tags(&l).ok());
    if let Some(tags) = none_match {
        let matched = tags.is_none_or(|tags| tags.iter().any(|t| weak_match(t, &current)));
        if matched {
            return if safe {
                Outcome::NotModified
            } else {
                Outcome::Failed(format!(
                    "If-None-Match: the current entity tag {etag} matches, so {method} is refused"
                ))
            };
        }
    } else if let (true, Some(since), Some(modified)) =
        (safe, date(headers, header::IF_MODIFIED_SINCE), modified)
    {
        if modified <= since {
            return Outcome::NotModified;
        }
    }
    Outcome::Proceed
}

/// A 304 without content; the caller adds the validators.
fn not_modified(method: &Method) -> Response {
    build(
        304,
        &Options::default(),
        method,
        Format::Text,
        Lang::En,
        "/",
    )
}

/// Answers a failed or satisfied precondition, or `None` to go on.
pub(super) fn precondition_response(
    method: &Method,
    headers: &HeaderMap,
    validators: &HeaderMap,
    etag: &str,
    modified: Option<SystemTime>,
) -> Option<Response> {
    let mut res = match evaluate(method, headers, etag, modified) {
        Outcome::Proceed => return None,
        Outcome::NotModified => not_modified(method),
        Outcome::Failed(why) => error(StatusCode::PRECONDITION_FAILED, headers, why),
    };
    for (name, value) in validators {
        res.headers_mut().insert(name.clone(), value.clone());
    }
    Some(res)
}

/// `ETag`, `Last-Modified` and more, as a header map to add to 200, 206 and 304 answers.
pub(super) fn validators(
    etag: &str,
    modified: Option<SystemTime>,
    cache_control: &'static str,
) -> HeaderMap {
    let mut h = HeaderMap::new();
    if let Ok(v) = HeaderValue::from_str(etag) {
        h.insert(header::ETAG, v);
    }
    if let Some(Ok(v)) = modified.map(|m| HeaderValue::from_str(&httpdate::fmt_http_date(m))) {
        h.insert(header::LAST_MODIFIED, v);
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control),
    );
    h
}

/// `/cache`: the request described as `/get` does, with a stable `ETag` and `Last-Modified`;
/// `Cache-Control: no-cache` makes caches revalidate. Any `If-None-Match` or `If-Modified-Since`
/// gets a 304 (httpbin's rule).
async fn cache(req: Request) -> Response {
    let (parts, _body) = req.into_parts();
    let (method, headers) = (&parts.method, &parts.headers);
    let modified = Some(last_modified());
    let v = validators(CACHE_ETAG, modified, "no-cache");
    let mut res = if headers.contains_key(header::IF_NONE_MATCH)
        || headers.contains_key(header::IF_MODIFIED_SINCE)
    {
        not_modified(method)
    } else {
        match super::echo::request_info(&parts) {
            Ok(mut fields) => {
                fields.remove("method");
                json_response(StatusCode::OK, &Value::Object(fields))
            }
            Err(res) => return res,
        }
    };
    for (name, value) in &v {
        res.headers_mut().insert(name.clone(), value.clone());
    }
    res
}

/// `/cache/{n}`: the request as `/get` shows it, with `Cache-Control: public, max-age=n`.
async fn cache_n(n: Result<Path<String>, PathRejection>, req: Request) -> Response {
    let n = match path_param(n, req.headers()) {
        Ok(n) => n,
        Err(res) => return res,
    };
    let secs = match parse_count("max-age", &n, MAX_AGE) {
        Ok(s) => s,
        Err(m) => return bad_request(req.headers(), m),
    };
    let (parts, _body) = req.into_parts();
    let mut res = match super::echo::request_info(&parts) {
        Ok(mut fields) => {
            fields.remove("method"); // httpbin's /get shape
            json_response(StatusCode::OK, &Value::Object(fields))
        }
        Err(res) => return res,
    };
    if let Ok(v) = HeaderValue::from_str(&format!("public, max-age={secs}")) {
        res.headers_mut().insert(header::CACHE_CONTROL, v);
    }
    res
}

/// `/etag/{etag}`: the echo with `ETag: "{etag}"`; any method, so that `If-Match` on PUT or
/// DELETE can be tried too.
async fn etag(
    State(state): State<AppState>,
    tag: Result<Path<String>, PathRejection>,
    req: Request,
) -> Response {
    let tag = match path_param(tag, req.headers()) {
        Ok(t) => t,
        Err(res) => return res,
    };
    if tag.is_empty()
        || tag.len() > MAX_ETAG
        || !tag.bytes().all(|b| b == 0x21 || (0x23..=0x7e).contains(&b))
    {
        return bad_request(
            req.headers(),
            format!(
                "an entity tag is 1 to {MAX_ETAG} visible ASCII characters without '\"' or spaces"
            ),
        );
    }
    let etag = format!("\"{tag}\"");
    let v = validators(&etag, None, "no-cache");
    if let Some(res) = precondition_response(req.method(), req.headers(), &v, &etag, None) {
        let (parts, body) = req.into_parts();
        super::refuse_body(&parts.headers, body);
        return res;
    }
    // GET and HEAD: httpbin's /get shape; other methods echo their body too.
    let echoed = if matches!(*req.method(), Method::GET | Method::HEAD) {
        let (parts, _body) = req.into_parts();
        super::echo::request_info(&parts)
    } else {
        super::echo::echo(&state, req).await
    };
    let mut res = match echoed {
        Ok(mut fields) => {
            fields.remove("method");
            json_response(StatusCode::OK, &Value::Object(fields))
        }
        Err(res) => return res,
    };
    res.headers_mut().extend(v);
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut m = HeaderMap::new();
        for (k, v) in pairs {
            m.append(k.clone(), HeaderValue::from_str(v).unwrap());
        }
        m
    }

    #[test]
    fn tag_lists() {
        assert_eq!(parse_tags("*"), Ok(None));
        assert_eq!(parse_tags(r#""a", d"#), Err(()), "unquoted member");
        assert_eq!(parse_tags("abc"), Err(()));
        let tags = parse_tags(r#"W/"a", "b,c" ,"d""#).unwrap().unwrap();
        assert_eq!(
            tags,
            [
                Tag {
                    weak: true,
                    opaque: "a".into()
                },
                Tag {
                    weak: false,
                    opaque: "b,c".into()
                },
                Tag {
                    weak: false,
                    opaque: "d".into()
                }
            ]
        );
        assert_eq!(parse_tags(" , ").unwrap().unwrap(), []);
        assert_eq!(parse_tags("\"unterminated").unwrap().unwrap().len(), 1);
    }

    #[test]
    fn preconditions_in_rfc_order() {
        let (get, put) = (Method::GET, Method::PUT);
        let lm = Some(last_modified());
        let e = "\"x\"";
        let eval = |m: &Method, hs: &[(header::HeaderName, &str)]| evaluate(m, &h(hs), e, lm);
        assert_eq!(eval(&get, &[]), Outcome::Proceed);
        assert_eq!(
            eval(&get, &[(header::IF_NONE_MATCH, "\"x\"")]),
            Outcome::NotModified
        );
        assert_eq!(
            eval(&get, &[(header::IF_NONE_MATCH, "W/\"x\"")]),
            Outcome::NotModified,
            "weak comparison"
        );
        assert_eq!(
            eval(&get, &[(header::IF_NONE_MATCH, "\"y\", \"x\"")]),
            Outcome::NotModified
        );
        assert_eq!(
            eval(&get, &[(header::IF_NONE_MATCH, "*")]),
            Outcome::NotModified
        );
        assert_eq!(
            eval(&get, &[(header::IF_NONE_MATCH, "\"y\"")]),
            Outcome::Proceed
        );
        assert!(matches!(
            eval(&put, &[(header::IF_NONE_MATCH, "\"x\"")]),
            Outcome::Failed(_)
        ));
        assert!(matches!(
            eval(&put, &[(header::IF_MATCH, "\"y\"")]),
            Outcome::Failed(_)
        ));
        assert!(
            matches!(
                eval(&get, &[(header::IF_MATCH, "W/\"x\"")]),
                Outcome::Failed(_)
            ),
            "strong comparison"
        );
        assert_eq!(eval(&put, &[(header::IF_MATCH, "\"x\"")]), Outcome::Proceed);
        assert_eq!(eval(&put, &[(header::IF_MATCH, "*")]), Outcome::Proceed);
        let at = httpdate::fmt_http_date(last_modified());
        let before = httpdate::fmt_http_date(last_modified() - Duration::from_secs(1));
        assert_eq!(
            eval(&get, &[(header::IF_MODIFIED_SINCE, &at)]),
            Outcome::NotModified
        );
        assert_eq!(
            eval(&get, &[(header::IF_MODIFIED_SINCE, &before)]),
            Outcome::Proceed
        );
        assert_eq!(
            eval(&get, &[(header::IF_MODIFIED_SINCE, "garbage")]),
            Outcome::Proceed,
            "invalid dates are ignored"
        );
        assert_eq!(
            eval(&put, &[(header::IF_MODIFIED_SINCE, &at)]),
            Outcome::Proceed,
            "only for GET and HEAD"
        );
        assert_eq!(
            eval(
                &get,
                &[
                    (header::IF_NONE_MATCH, "\"y\""),
                    (header::IF_MODIFIED_SINCE, &at)
                ]
            ),
            Outcome::Proceed,
            "If-None-Match wins over If-Modified-Since"
        );
        assert!(matches!(
            eval(&put, &[(header::IF_UNMODIFIED_SINCE, &before)]),
            Outcome::Failed(_)
        ));
        assert_eq!(
            eval(&put, &[(header::IF_UNMODIFIED_SINCE, &at)]),
            Outcome::Proceed
        );
    }
}
