//! Statuses that arise from a real mechanism, URL-compatible with httpbin and go-httpbin.
//!
//! | module | endpoints | statuses that arise |
//! |---|---|---|
//! | [`echo`] | `/anything`, `/get`, `/post`, `/put`, `/patch`, `/delete`, `/upload`, `/expect`, `/response-headers` | 200 echo; 405 with `Allow`; 413 from the body limit; 415 with `Accept-Post`; `100 Continue` then 200; 417 |
//! | [`conditional`] | `/cache`, `/cache/{n}`, `/etag/{etag}` | 200 with validators; 304; 412 |
//! | [`range`] | `/range/{n}`, `/bytes/{n}` | 200; 206 single or `multipart/byteranges`; 416 with `Content-Range: bytes */n` |
//! | [`auth`] | `/basic-auth/{u}/{p}`, `/hidden-basic-auth/{u}/{p}`, `/bearer` | 401 with `WWW-Authenticate`, 404, then 200 |
//! | [`redirect`] | `/redirect/{n}`, `/relative-redirect/{n}`, `/absolute-redirect/{n}`, `/redirect-to` | 3xx with a checked `Location` |
//! | [`timing`] | `/delay/{n}`, `/drip`, `/unstable` | late, slow or flaky answers, every delay capped |
//!
//! Bad input (negative, huge or NaN numbers, invalid UTF-8, unknown units, unsafe targets) is a
//! 400 whose body names the problem, in the format `Accept` asks for (JSON by default).
//!
//! Where we differ from httpbin on purpose:
//! - `/cache` gives 304 only when the validators really match (httpbin answers 304 to any
//!   `If-None-Match` or `If-Modified-Since`), and its ETag and Last-Modified are stable.
//! - `/redirect-to` refuses absolute URLs to hosts not allowed with `--allow-redirect-host` (other
//!   than this server's own host), scheme-relative targets and non-http(s) schemes; a
//!   `status_code` outside 300-399 is a 400 (httpbin silently uses 302).
//! - `/response-headers` refuses framing, hop-by-hop, `Content-Type`, `Set-Cookie`, `Location`
//!   and CORS headers with a 400 (httpbin sets them, a reflected-XSS vector).
//! - Numbers above a cap (`/range`, `/bytes`, `/drip` sizes; delays above `--max-delay`) are a
//!   400, where httpbin silently clamps; `/redirect/0` is a 400 (httpbin answers 500).
//! - A method-restricted endpoint answers `OPTIONS` with 204 and `Allow` (when the CORS layer
//!   has not answered it first).
#![allow(
    clippy::result_large_err,
    reason = "helpers hand a finished error Response back to the handler; moving it once is cheap next to the I/O"
)]

pub(crate) mod auth;
pub(crate) mod conditional;
pub(crate) mod cookies;
pub(crate) mod digest;
pub(crate) mod echo;
pub(crate) mod formats;
pub(crate) mod image;
pub(crate) mod inspect;
pub(crate) mod range;
pub(crate) mod redirect;
pub(crate) mod streams;
pub(crate) mod timing;
pub(crate) mod websocket;

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::rejection::PathRejection;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use axum::routing::MethodRouter;
use axum::Router;
use futures_util::StreamExt;
use http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::error::AppError;
use crate::negotiate::{self, Format};
use crate::state::AppState;

/// Largest `n` for `/range/{n}`, `/bytes/{n}` and `/drip?numbytes=`.
pub(crate) const MAX_BYTES: u64 = 100 * 1024;

/// Most bytes read and thrown away after refusing a body, so that the client sees the answer
/// instead of a reset connection.
const DRAIN_BYTES: usize = 4 * 1024 * 1024;
/// Longest time spent reading and throwing away a refused body.
const DRAIN_TIME: Duration = Duration::from_secs(5);

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .merge(echo::routes())
        .merge(conditional::routes())
        .merge(range::routes())
        .merge(auth::routes())
        .merge(redirect::routes())
        .merge(timing::routes())
        .merge(inspect::routes())
        .merge(cookies::routes())
        .merge(formats::routes())
        .merge(image::routes())
        .merge(digest::routes())
        .merge(websocket::routes())
        .merge(streams::routes())
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
}

/// Error bodies of these endpoints are JSON unless `Accept` asks for text or HTML.
pub(super) fn error_format(headers: &HeaderMap) -> Format {
    negotiate::format(headers, Format::Json)
}

/// A 4xx (or other) answer whose body names the problem.
pub(super) fn error(
    status: StatusCode,
    headers: &HeaderMap,
    message: impl Into<String>,
) -> Response {
    AppError::with_status(status, message)
        .in_format(error_format(headers))
        .into_response()
}

/// A 400 whose body names the problem.
pub(super) fn bad_request(headers: &HeaderMap, message: impl Into<String>) -> Response {
    error(StatusCode::BAD_REQUEST, headers, message)
}

/// A JSON document, indented as httpbin does, with a final newline.
pub(super) fn json_response(status: StatusCode, value: &serde_json::Value) -> Response {
    let mut body = serde_json::to_vec_pretty(value).unwrap_or_default();
    body.push(b'\n');
    let mut res = Response::new(Body::from(body));
    *res.status_mut() = status;
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    res
}

/// The value of a path parameter, or a 400 naming what was wrong with it (invalid UTF-8 ...).
pub(super) fn path_param<T>(
    path: Result<Path<T>, PathRejection>,
    headers: &HeaderMap,
) -> Result<T, Response> {
    path.map(|Path(v)| v)
        .map_err(|e| bad_request(headers, format!("bad path: {}", e.body_text())))
}

/// The first 32 characters of a value, for error messages.
pub(super) fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(32).collect();
    if out.len() < s.len() {
        out.push_str("...");
    }
    out
}

/// A whole number from 0 to `max`.
pub(super) fn parse_count(what: &str, value: &str, max: u64) -> Result<u64, String> {
    let v = value.trim();
    let n = if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        // All digits but too long for u64 is simply above the cap.
        v.parse::<u64>().unwrap_or(u64::MAX)
    } else {
        return Err(format!(
            "{what} must be a whole number from 0 to {max}; got {:?}",
            shorten(value)
        ));
    };
    if n > max {
        return Err(format!(
            "{what} is {} but at most {max} is accepted",
            shorten(v)
        ));
    }
    Ok(n)
}

/// A number of seconds, fractions allowed, from 0 to `max`.
pub(super) fn parse_seconds(what: &str, value: &str, max: Duration) -> Result<Duration, String> {
    let n: f64 = value.trim().parse().map_err(|_| {
        format!(
            "{what} must be a number of seconds such as 1 or 0.5; got {:?}",
            shorten(value)
        )
    })?;
    if !n.is_finite() || n < 0.0 {
        return Err(format!(
            "{what} must be a finite number of seconds not below 0; got {n}"
        ));
    }
    if n > max.as_secs_f64() {
        return Err(format!(
            "{what} of {n} s is above this server's limit of {} s (--max-delay)",
            max.as_secs_f64()
        ));
    }
    Ok(Duration::from_secs_f64(n))
}

/// A method router that answers other methods with a real 405 carrying `Allow` and a body
/// naming the problem, and `OPTIONS` with 204 and `Allow`.
pub(super) fn only(router: MethodRouter<AppState>, allow: &'static str) -> MethodRouter<AppState> {
    router.fallback(move |method: Method, headers: HeaderMap| async move {
        let mut res = if method == Method::OPTIONS {
            let mut res = Response::new(Body::empty());
            *res.status_mut() = StatusCode::NO_CONTENT;
            res
        } else {
            error(
                StatusCode::METHOD_NOT_ALLOWED,
                &headers,
                format!("method {method} is not allowed here; use {allow}"),
            )
        };
        res.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static(allow));
        res
    })
}

fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
}

/// Whether the client waits for `100 Continue` before sending its body.
pub(super) fn expects_continue(headers: &HeaderMap) -> bool {
    headers
        .get(header::EXPECT)
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"100-continue"))
}

/// Reads the whole request body, up to `limit` bytes. A longer body gets a real 413 (without
/// reading it when `Content-Length` already says so, and without `100 Continue` when the client
/// is waiting for one); a broken body gets a 400.
pub(super) async fn read_body(
    headers: &HeaderMap,
    body: Body,
    limit: usize,
) -> Result<Bytes, Response> {
    let too_large = |headers: &HeaderMap| {
        let mut res = error(
            StatusCode::PAYLOAD_TOO_LARGE,
            headers,
            format!("the request body is larger than this server's limit of {limit} bytes"),
        );
        res.headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        res
    };
    let declared = declared_length(headers);
    if declared.is_some_and(|n| n > limit as u64) {
        refuse_body(headers, body);
        return Err(too_large(headers));
    }
    let capacity = declared.map_or(0, |n| usize::try_from(n).unwrap_or(limit).min(limit));
    let mut buf = Vec::with_capacity(capacity);
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        let Ok(chunk) = chunk else {
            return Err(bad_request(
                headers,
                "the request body could not be read to its end",
            ));
        };
        if buf.len() + chunk.len() > limit {
            tokio::spawn(drain(stream));
            return Err(too_large(headers));
        }
        buf.extend_from_slice(&chunk);
    }
    Ok(Bytes::from(buf))
}

/// Drops a body the answer does not need: read away in the background so the client sees the
/// answer, except when the client waits for `100 Continue` and has sent nothing yet.
pub(super) fn refuse_body(headers: &HeaderMap, body: Body) {
    if !expects_continue(headers) {
        discard(body);
    }
}

/// Throws a refused body away in the background (bounded), so the client can read the answer.
pub(super) fn discard(body: Body) {
    tokio::spawn(drain(body.into_data_stream()));
}

async fn drain(mut stream: axum::body::BodyDataStream) {
    let _ = tokio::time::timeout(DRAIN_TIME, async move {
        let mut seen = 0usize;
        while let Some(Ok(chunk)) = stream.next().await {
            seen += chunk.len();
            if seen > DRAIN_BYTES {
                break;
            }
        }
    })
    .await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_seconds() {
        assert_eq!(parse_count("n", "10", 100), Ok(10));
        assert_eq!(parse_count("n", " 0 ", 100), Ok(0));
        for bad in [
            "-1",
            "1.5",
            "NaN",
            "",
            "abc",
            "101",
            "99999999999999999999999",
        ] {
            assert!(parse_count("n", bad, 100).is_err(), "{bad}");
        }
        let max = Duration::from_secs(3);
        assert_eq!(
            parse_seconds("d", "0.5", max),
            Ok(Duration::from_millis(500))
        );
        for bad in ["-1", "NaN", "inf", "1e309", "4", "x", ""] {
            assert!(parse_seconds("d", bad, max).is_err(), "{bad}");
        }
    }
}
