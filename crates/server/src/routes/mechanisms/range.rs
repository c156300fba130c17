//! Byte ranges (RFC 9110 §14): `/range/{n}` and `/bytes/{n}` (httpbin).
//!
//! `/range/{n}` serves `n` bytes of `abcdefghijklmnopqrstuvwxyz` repeated, with
//! `Accept-Ranges: bytes`, a strong `ETag` and `Last-Modified`. On GET, one satisfiable range
//! gives 206 with `Content-Range`; several give 206 `multipart/byteranges`; none satisfiable gives
//! 416 with `Content-Range: bytes */n`. An invalid `bytes=` set, more than [`MAX_RANGES`] ranges,
//! or ranges adding up to more than twice the representation are refused with 416 too (RFC 9110
//! §14.2 lets a server reject them). A Range in another unit is ignored. `If-Range` with the
//! current ETag or Last-Modified date keeps the Range, anything else gets the full 200.

use std::time::SystemTime;

use axum::body::Body;
use axum::extract::rejection::PathRejection;
use axum::extract::Path;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};

use super::conditional::{last_modified, precondition_response, validators};
use super::{bad_request, error, only, parse_count, path_param, MAX_BYTES};
use crate::routes::status::query_pairs;
use crate::state::AppState;

/// Most ranges one request may ask for.
pub(super) const MAX_RANGES: usize = 100;
/// Separates the parts of a `multipart/byteranges` body; it cannot occur in the letters served.
const BOUNDARY: &str = "httpstatus-byteranges-3d5f";
const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz";

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/range/{n}", only(get(range), "GET, HEAD, OPTIONS"))
        .route("/bytes/{n}", only(get(bytes), "GET, HEAD, OPTIONS"))
}

/// One `byte-range-spec` or `suffix-range` as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Spec {
    From(u64, Option<u64>),
    Suffix(u64),
}

/// The ranges of a `Range` value: `Ok(None)` for a unit other than bytes (to be ignored), an
/// error for an invalid or excessive `bytes=` set.
fn parse_range(value: &str) -> Result<Option<Vec<Spec>>, String> {
    let Some((unit, set)) = value.split_once('=') else {
        return Err("Range must look like bytes=0-99".into());
    };
    if !unit.trim().eq_ignore_ascii_case("bytes") {
        return Ok(None);
    }
    let number = |s: &str| -> Result<u64, String> {
        let s = s.trim();
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("{:?} is not a byte position", super::shorten(s)));
        }
        Ok(s.parse::<u64>().unwrap_or(u64::MAX)) // all digits: only overflow can fail
    };
    let mut specs = Vec::new();
    for item in set.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if specs.len() == MAX_RANGES {
            return Err(format!("more than {MAX_RANGES} ranges asked for"));
        }
        let Some((first, last)) = item.split_once('-') else {
            return Err(format!("range {:?} has no '-'", super::shorten(item)));
        };
        let spec = if first.trim().is_empty() {
            Spec::Suffix(number(last)?)
        } else {
            let first = number(first)?;
            let last = if last.trim().is_empty() {
                None
            } else {
                Some(number(last)?)
            };
            if last.is_some_and(|l| l < first) {
                return Err(format!(
                    "range {:?} ends before it starts",
                    super::shorten(item)
                ));
            }
            Spec::From(first, last)
        };
        specs.push(spec);
    }
    if specs.is_empty() {
        return Err("Range has no ranges after bytes=".into());
    }
    Ok(Some(specs))
}

/// The satisfiable ranges, as inclusive `(first, last)` positions in a representation of `len`.
fn resolve(specs: &[Spec], len: u64) -> Vec<(u64, u64)> {
    specs
        .iter()
        .filter_map(|spec| match *spec {
            Spec::From(first, last) if first < len => {
                Some((first, last.map_or(len - 1, |l| l.min(len - 1))))
            }
            Spec::Suffix(n) if n > 0 && len > 0 => Some((len - n.min(len), len - 1)),
            _ => None,
        })
        .collect()
}

/// Byte `i` of every `/range` representation.
fn pattern(first: u64, last: u64) -> Vec<u8> {
    (first..=last)
        .map(|i| ALPHABET[usize::try_from(i % 26).unwrap_or(0)])
        .collect()
}

/// Whether `If-Range` lets the Range apply: a strong ETag equal to ours, or exactly our date.
fn if_range_holds(value: &HeaderValue, etag: &str, modified: SystemTime) -> bool {
    let Ok(value) = value.to_str() else {
        return false;
    };
    let value = value.trim();
    if value.starts_with('"') || value.starts_with("W/") {
        return value == etag;
    }
    httpdate::parse_http_date(value).is_ok_and(|d| d == modified)
}

fn unsatisfiable(headers: &HeaderMap, len: u64, why: String) -> Response {
    let mut res = error(StatusCode::RANGE_NOT_SATISFIABLE, headers, why);
    if let Ok(v) = HeaderValue::from_str(&format!("bytes */{len}")) {
        res.headers_mut().insert(header::CONTENT_RANGE, v);
    }
    res.headers_mut()
        .insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    res
}

async fn range(
    method: Method,
    headers: HeaderMap,
    n: Result<Path<String>, PathRejection>,
) -> Response {
    let n = match path_param(n, &headers).and_then(|n| {
        parse_count("the number of bytes", &n, MAX_BYTES).map_err(|m| bad_request(&headers, m))
    }) {
        Ok(n) => n,
        Err(res) => return res,
    };
    let etag = format!("\"range-{n}\"");
    let modified = last_modified();
    let mut v = validators(&etag, Some(modified), "public, max-age=3600");
    v.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    if let Some(res) = precondition_response(&method, &headers, &v, &etag, Some(modified)) {
        return res;
    }
    let range = headers
        .get(header::RANGE)
        .filter(|_| method == Method::GET)
        .filter(|_| {
            headers
                .get(header::IF_RANGE)
                .is_none_or(|ir| if_range_holds(ir, &etag, modified))
        });
    let specs = match range.map(|r| {
        r.to_str()
            .map_err(|_| "Range is not ASCII".to_string())
            .and_then(parse_range)
    }) {
        None | Some(Ok(None)) => None,
        Some(Ok(Some(specs))) => Some(specs),
        Some(Err(why)) => return unsatisfiable(&headers, n, why),
    };
    let Some(specs) = specs else {
        let mut res = Response::new(Body::from(if n == 0 {
            Vec::new()
        } else {
            pattern(0, n - 1)
        }));
        octet_stream(&mut res);
        res.headers_mut().extend(v);
        return res;
    };
    let ranges = resolve(&specs, n);
    if ranges.is_empty() {
        return unsatisfiable(
            &headers,
            n,
            format!("none of the ranges asked for starts inside the {n} bytes"),
        );
    }
    let total: u64 = ranges.iter().map(|(a, b)| b - a + 1).sum();
    if ranges.len() > 1 && total > 2 * n {
        return unsatisfiable(
            &headers,
            n,
            format!("the ranges add up to {total} bytes, more than twice the {n} bytes"),
        );
    }
    let mut res = if let [(first, last)] = ranges[..] {
        let mut res = Response::new(Body::from(pattern(first, last)));
        octet_stream(&mut res);
        if let Ok(v) = HeaderValue::from_str(&format!("bytes {first}-{last}/{n}")) {
            res.headers_mut().insert(header::CONTENT_RANGE, v);
        }
        res
    } else {
        let mut body = Vec::new();
        for (first, last) in ranges {
            body.extend_from_slice(
                format!(
                    "--{BOUNDARY}\r\nContent-Type: application/octet-stream\r\nContent-Range: bytes {first}-{last}/{n}\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend_from_slice(&pattern(first, last));
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
        let mut res = Response::new(Body::from(body));
        if let Ok(v) = HeaderValue::from_str(&format!("multipart/byteranges; boundary={BOUNDARY}"))
        {
            res.headers_mut().insert(header::CONTENT_TYPE, v);
        }
        res
    };
    *res.status_mut() = StatusCode::PARTIAL_CONTENT;
    res.headers_mut().extend(v);
    res
}

fn octet_stream(res: &mut Response) {
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
}

/// `/bytes/{n}`: `n` random bytes; `seed=` makes them repeatable.
async fn bytes(headers: HeaderMap, uri: Uri, n: Result<Path<String>, PathRejection>) -> Response {
    let n = match path_param(n, &headers).and_then(|n| {
        parse_count("the number of bytes", &n, MAX_BYTES).map_err(|m| bad_request(&headers, m))
    }) {
        Ok(n) => n,
        Err(res) => return res,
    };
    let mut seed = None;
    match query_pairs(uri.query()) {
        Ok(pairs) => {
            for (k, v) in pairs {
                if k == "seed" {
                    match v.trim().parse::<u64>() {
                        Ok(s) => seed = Some(s),
                        Err(_) => {
                            return bad_request(
                                &headers,
                                format!("seed must be a whole number from 0 to {}", u64::MAX),
                            )
                        }
                    }
                }
            }
        }
        Err(m) => return bad_request(&headers, m),
    }
    let mut rng = seed.map_or_else(fastrand::Rng::new, fastrand::Rng::with_seed);
    let data: Vec<u8> = (0..n).map(|_| rng.u8(..)).collect();
    let mut res = Response::new(Body::from(data));
    octet_stream(&mut res);
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_sets() {
        assert_eq!(
            parse_range("bytes=0-9"),
            Ok(Some(vec![Spec::From(0, Some(9))]))
        );
        assert_eq!(
            parse_range("Bytes = 5- , -3"),
            Ok(Some(vec![Spec::From(5, None), Spec::Suffix(3)]))
        );
        assert_eq!(
            parse_range("items=0-9"),
            Ok(None),
            "other units are ignored"
        );
        assert_eq!(
            parse_range("bytes=0-1,,2-3").map(|s| s.map(|s| s.len())),
            Ok(Some(2))
        );
        for bad in [
            "bytes",
            "bytes=",
            "bytes=abc",
            "bytes=5-2",
            "bytes=-",
            "bytes=1-2-3",
            "bytes=-x",
            "bytes=+1-2",
        ] {
            assert!(parse_range(bad).is_err(), "{bad}");
        }
        let many = format!("bytes={}", vec!["0-0"; MAX_RANGES + 1].join(","));
        assert!(parse_range(&many).is_err());
        assert_eq!(
            parse_range("bytes=99999999999999999999999-").map(|s| s.map(|s| resolve(&s, 10))),
            Ok(Some(vec![])),
            "a huge first position is simply unsatisfiable"
        );
    }

    #[test]
    fn resolving() {
        let specs = [
            Spec::From(0, Some(9)),
            Spec::From(95, Some(200)),
            Spec::Suffix(5),
            Spec::From(100, None),
            Spec::Suffix(0),
        ];
        assert_eq!(resolve(&specs, 100), [(0, 9), (95, 99), (95, 99)]);
        assert_eq!(resolve(&[Spec::Suffix(500)], 100), [(0, 99)]);
        assert_eq!(resolve(&[Spec::Suffix(1), Spec::From(0, None)], 0), []);
        assert_eq!(pattern(25, 27), b"zab");
    }
}
