//! Statuses that arise from a real mechanism, and every other endpoint of httpbin 0.10 and
//! go-httpbin v2.20, URL- and shape-compatible with them.
//!
//! | module | endpoints | statuses that arise |
//! |---|---|---|
//! | [`echo`] | `/anything`, `/get`, `/head`, `/post`, `/put`, `/patch`, `/delete`, `/upload`, `/expect`, `/response-headers` | 200 echo; 405 with `Allow`; 413 from the body limit; 415 with `Accept-Post` or `Accept-Encoding`; `100 Continue` then 200; 417 |
//! | [`inspect`] | `/headers`, `/ip`, `/user-agent`, `/uuid`, `/hostname`, `/env`, `/dump/request` | 200 |
//! | [`cookies`] | `/cookies`, `/cookies/set`, `/cookies/set/{name}/{value}`, `/cookies/delete` | 200; 302 with `Set-Cookie` |
//! | [`conditional`] | `/cache`, `/cache/{n}`, `/etag/{etag}` | 200 with validators; 304; 412 |
//! | [`range`] | `/range/{n}`, `/bytes/{n}` | 200; 206 single or `multipart/byteranges`; 416 with `Content-Range: bytes */n` |
//! | [`auth`] | `/basic-auth/{u}/{p}`, `/hidden-basic-auth/{u}/{p}`, `/bearer` | 401 with `WWW-Authenticate`, 404, then 200 |
//! | [`digest`] | `/digest-auth/{qop}/{u}/{p}[/{algorithm}[/{stale_after}]]` | 401 with a Digest challenge (RFC 7616), `stale=TRUE`; 200 |
//! | [`redirect`] | `/redirect/{n}`, `/relative-redirect/{n}`, `/absolute-redirect/{n}`, `/redirect-to` | 3xx with a checked `Location` |
//! | [`formats`] | `/json`, `/xml`, `/html`, `/deny`, `/encoding/utf8`, `/gzip`, `/deflate`, `/brotli`, `/base64/...`, `/forms/post`, `/links/...` | 200 in each format and coding; 302 |
//! | [`image`] | `/image`, `/image/{kind}` | 200 by `Accept`; 406 |
//! | [`streams`] | `/stream/{n}`, `/stream-bytes/{n}`, `/sse`, `/trailers` | chunked 200s, events, trailers |
//! | [`websocket`] | `/websocket/echo` | 101 to a real RFC 6455 WebSocket; 400, 426 |
//! | [`timing`] | `/delay/{n}`, `/drip`, `/unstable` | late, slow or flaky answers, every delay capped |
//!
//! Bad input (negative, huge or NaN numbers, invalid UTF-8, unknown units, unsafe targets) is a
//! 400 whose body names the problem, in the format `Accept` asks for (JSON by default).
//!
//! Where we differ from httpbin on purpose (each module says more):
//! - `/redirect-to` refuses absolute URLs to hosts not allowed with `--allow-redirect-host` (other
//!   than this server's own host; `'*'` allows any, as httpbin), scheme-relative targets and
//!   non-http(s) schemes; a `status_code` outside 300-399 is a 400 (httpbin silently uses 302).
//! - `/response-headers` refuses framing and hop-by-hop fields, `X-Content-Type-Options`, CORS
//!   headers and any `Content-Type` a browser renders as a document (HTML, XML, SVG), which would
//!   reflect the query as script; `Location`, `Set-Cookie` and other types are set as asked.
//! - Numbers above a cap (`/range`, `/bytes`, `/drip`, `/stream`, `/stream-bytes`, `/links`
//!   sizes; delays above `--max-delay`) are a 400, where httpbin silently clamps; `/redirect/0`
//!   is a 400 (httpbin answers 500).
//! - Entity tags must be quoted: an unquoted `If-None-Match` is ignored as invalid (httpbin reads
//!   it as a tag); bodiless answers (204, 304) carry no `Content-Type`.
//! - A method-restricted endpoint answers `OPTIONS` with 204 and the `Allow` of its 405s.
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

/// A `seed=` value: a whole number that makes random output repeatable.
pub(super) fn parse_seed(value: &str) -> Result<u64, String> {
    value
        .trim()
        .parse::<u64>()
        .map_err(|_| format!("seed must be a whole number; got {:?}", shorten(value)))
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

/// Checks that a wait of `delay` then `duration` stays within the server's `--max-delay`.
pub(super) fn within_max_delay(
    delay: Duration,
    duration: Duration,
    max_delay: Duration,
) -> Result<(), String> {
    if delay + duration > max_delay {
        return Err(format!(
            "delay plus duration is {} s, above this server's limit of {} s (--max-delay)",
            (delay + duration).as_secs_f64(),
            max_delay.as_secs_f64()
        ));
    }
    Ok(())
}

/// A method router that answers other methods with a real 405 carrying `Allow` and a body
/// naming the problem, and `OPTIONS` with 204 and `Allow`.
pub(crate) fn only(router: MethodRouter<AppState>, allow: &'static str) -> MethodRouter<AppState> {
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

/// Reads the whole request body, up to `limit` bytes, and undoes its `Content-Encoding` (gzip,
/// deflate, br; a list is undone in reverse order). A body longer than `limit`, before or after
/// decoding, gets a real 413 with `Connection: close` (without reading it when `Content-Length`
/// already says so, and so without `100 Continue` when the client waits for one); a coding we
/// do not know gets 415 with `Accept-Encoding` (RFC 9110 §15.5.16); a broken body or coding a
/// 400. What is left unread is read away by the connection's service (`request_body`).
pub(super) async fn read_body(
    headers: &HeaderMap,
    body: Body,
    limit: usize,
) -> Result<Bytes, Response> {
    let too_large = |headers: &HeaderMap, what: &str| {
        let mut res = error(
            StatusCode::PAYLOAD_TOO_LARGE,
            headers,
            format!("the request body{what} is larger than this server's limit of {limit} bytes"),
        );
        res.headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("close"));
        res
    };
    let codings = content_codings(headers).map_err(|coding| {
        let mut res = error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            headers,
            format!(
                "Content-Encoding {:?} is not supported; send gzip, deflate, br or identity",
                shorten(&coding)
            ),
        );
        res.headers_mut().insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static(ACCEPTED_CODINGS),
        );
        res
    })?;
    let declared = declared_length(headers);
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large(headers, ""));
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
            return Err(too_large(headers, ""));
        }
        buf.extend_from_slice(&chunk);
    }
    let mut bytes = buf;
    for coding in codings.iter().rev() {
        bytes = match decode(*coding, &bytes, limit) {
            Ok(decoded) => decoded,
            Err(Decode::TooLarge) => return Err(too_large(headers, " after decoding")),
            Err(Decode::Corrupt) => {
                return Err(bad_request(
                    headers,
                    format!(
                        "the request body is not valid {} data, as its Content-Encoding says",
                        coding.name()
                    ),
                ))
            }
        };
    }
    Ok(Bytes::from(bytes))
}

/// The content codings request bodies may use.
const ACCEPTED_CODINGS: &str = "gzip, deflate, br";

/// Content codings of a request body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Coding {
    Gzip,
    Deflate,
    Brotli,
}

impl Coding {
    fn name(self) -> &'static str {
        match self {
            Coding::Gzip => "gzip",
            Coding::Deflate => "deflate",
            Coding::Brotli => "br",
        }
    }
}

/// The codings of `Content-Encoding`, in the order they were applied; `Err` names one we do
/// not know. `identity` is no coding at all.
fn content_codings(headers: &HeaderMap) -> Result<Vec<Coding>, String> {
    let mut out = Vec::new();
    for value in headers.get_all(header::CONTENT_ENCODING) {
        let text = String::from_utf8_lossy(value.as_bytes());
        for token in text.split(',').map(str::trim).filter(|t| !t.is_empty()) {
            match token.to_ascii_lowercase().as_str() {
                "identity" => {}
                "gzip" | "x-gzip" => out.push(Coding::Gzip),
                "deflate" => out.push(Coding::Deflate),
                "br" => out.push(Coding::Brotli),
                _ => return Err(token.to_string()),
            }
        }
    }
    if out.len() > 4 {
        return Err("more than four codings".into());
    }
    Ok(out)
}

#[derive(Debug, PartialEq, Eq)]
enum Decode {
    TooLarge,
    Corrupt,
}

/// Undoes one coding, producing at most `limit` bytes. `deflate` is the zlib format (RFC 9110
/// §8.4.1.2); raw deflate, which some clients send instead, is accepted too.
fn decode(coding: Coding, data: &[u8], limit: usize) -> Result<Vec<u8>, Decode> {
    use std::io::Read;
    fn read_capped(mut r: impl Read, limit: usize) -> Result<Vec<u8>, Decode> {
        let mut out = Vec::new();
        let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
        (&mut r)
            .take(cap)
            .read_to_end(&mut out)
            .map_err(|_| Decode::Corrupt)?;
        if out.len() > limit {
            return Err(Decode::TooLarge);
        }
        Ok(out)
    }
    match coding {
        Coding::Gzip => read_capped(flate2::read::MultiGzDecoder::new(data), limit),
        Coding::Deflate => {
            read_capped(flate2::read::ZlibDecoder::new(data), limit).or_else(|e| match e {
                Decode::TooLarge => Err(Decode::TooLarge),
                Decode::Corrupt => read_capped(flate2::read::DeflateDecoder::new(data), limit),
            })
        }
        Coding::Brotli => read_capped(brotli::Decompressor::new(data, 4096), limit),
    }
}

/// Drops a body the answer does not need. The connection's service reads away what a handler
/// leaves (`request_body`), so that keep-alive survives and the client sees the answer; a
/// client waiting for `100 Continue` is not asked for its body.
pub(super) fn refuse_body(_headers: &HeaderMap, body: Body) {
    drop(body);
}

/// Drops a body the answer does not need (see [`refuse_body`]).
pub(super) fn discard(body: Body) {
    drop(body);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_codings() {
        use std::io::Write;
        let text = b"hello, hello, hello".repeat(10);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&text).unwrap();
        let gz = gz.finish().unwrap();
        assert_eq!(decode(Coding::Gzip, &gz, 1000).unwrap(), text);
        assert_eq!(decode(Coding::Gzip, &gz, 10), Err(Decode::TooLarge));
        assert_eq!(
            decode(Coding::Gzip, b"not gzip", 1000),
            Err(Decode::Corrupt)
        );
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(&text).unwrap();
        assert_eq!(
            decode(Coding::Deflate, &z.finish().unwrap(), 1000).unwrap(),
            text
        );
        let mut raw =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        raw.write_all(&text).unwrap();
        assert_eq!(
            decode(Coding::Deflate, &raw.finish().unwrap(), 1000).unwrap(),
            text
        );
        let mut br = Vec::new();
        brotli::BrotliCompress(&mut &text[..], &mut br, &Default::default()).unwrap();
        assert_eq!(decode(Coding::Brotli, &br, 1000).unwrap(), text);

        let mut h = HeaderMap::new();
        h.append(
            header::CONTENT_ENCODING,
            HeaderValue::from_static("gzip, identity"),
        );
        h.append(header::CONTENT_ENCODING, HeaderValue::from_static("BR"));
        assert_eq!(content_codings(&h), Ok(vec![Coding::Gzip, Coding::Brotli]));
        h.insert(
            header::CONTENT_ENCODING,
            HeaderValue::from_static("compress"),
        );
        assert_eq!(content_codings(&h), Err("compress".to_string()));
    }

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
