//! Streamed answers (httpbin, go-httpbin): `/stream/{n}`, `/stream-bytes/{n}`, `/sse`,
//! `/trailers`. Every body here is sent with `Transfer-Encoding: chunked`, one chunk per piece.
//!
//! - `/stream/{n}` (GET, HEAD): `n` lines of compact JSON, each the request description
//!   (`url`, `args`, `headers`, `origin`) plus `"id"` from 0 to n-1; `n` from 0 to 100.
//! - `/stream-bytes/{n}?chunk_size=10240&seed=` (GET, HEAD): `n` random bytes (at most
//!   100 KiB) in chunks of `chunk_size` bytes (1 to 100 KiB, default 10 KiB); with `seed=` the
//!   bytes are the same every time (but not the bytes Python's or Go's generators give).
//! - `/sse?count=10&duration=5&delay=0` (GET, HEAD): after `delay`, `count` server-sent events
//!   (1 to 1,000) spread evenly over `duration`; each is `id: i`, `event: ping` and
//!   `data: {"id":i,"timestamp":<Unix ms>}`. Durations are seconds (`1.5`) or Go-style
//!   (`1500ms`, `2s`, `1m`); `delay + duration` is capped by `--max-delay`, and the default
//!   duration is 5 s or `--max-delay` when that is lower.
//! - `/trailers?Name=value` (any method): the echo (as `/anything`) as a chunked body, then
//!   every query parameter as an HTTP trailer, declared up front in `Trailer`. hyper sends
//!   trailers only when the request carries `TE: trailers` (RFC 9110 §6.5.1); without it the
//!   answer says so in `Httpstatus-Trailers`. Framing, hop-by-hop, authentication, caching,
//!   content and cookie fields cannot be trailers (400), nor more than 20 of them. A HEAD
//!   answer has no body, so hyper leaves `Trailer` out of it (as it does `Transfer-Encoding`).
//!
//! Where we differ from the peers on purpose:
//! - Counts above a cap are a 400 naming the cap (httpbin silently clamps `/stream` to 100 and
//!   `/stream-bytes` to 100 KiB; go-httpbin raises `/stream/0` to 1); `chunk_size=0` is a 400
//!   (httpbin uses 1).
//! - `/stream` and `/stream-bytes` and `/sse` answer GET and HEAD only, as httpbin does for its
//!   endpoints (go-httpbin accepts any method); others get 405 with `Allow`.
//! - `/sse` events also carry an SSE `id:` line, so `EventSource.lastEventId` works; the
//!   `Server-Timing` trailer of go-httpbin is not sent.
//! - `/trailers` refuses a few more names than go-httpbin (hop-by-hop fields such as
//!   `Connection`, and `WWW-Authenticate`, `Proxy-Authenticate`), and keeps every value of a
//!   repeated parameter.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Request, State};
use axum::response::Response;
use axum::routing::{any, get};
use axum::Router;
use http::header::{self, HeaderName};
use http::request::Parts;
use http::{HeaderMap, HeaderValue, Uri};
use hyper::body::Frame;
use serde_json::Value;

use super::MAX_BYTES;
use super::{bad_request, only, parse_count, parse_seconds, path_param, shorten};
use crate::routes::status::{query_pairs, MAX_EXTRA_HEADERS};
use crate::state::AppState;

/// Most lines of `/stream/{n}` (httpbin's cap).
const MAX_LINES: u64 = 100;
/// Default chunk size of `/stream-bytes/{n}`.
const DEFAULT_CHUNK: u64 = 10 * 1024;
/// Most events of one `/sse` answer.
const MAX_EVENTS: u64 = 1000;
/// Default `/sse` settings (go-httpbin's).
const SSE_COUNT: u64 = 10;
const SSE_DURATION: Duration = Duration::from_secs(5);

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/stream/{n}", only(get(stream), "GET, HEAD, OPTIONS"))
        .route(
            "/stream-bytes/{n}",
            only(get(stream_bytes), "GET, HEAD, OPTIONS"),
        )
        .route("/sse", only(get(sse), "GET, HEAD, OPTIONS"))
        .route("/trailers", any(trailers))
}

/// A chunked body of ready pieces.
fn chunked(pieces: Vec<Bytes>) -> Body {
    Body::from_stream(futures_util::stream::iter(
        pieces.into_iter().map(Ok::<_, Infallible>),
    ))
}

async fn stream(n: Result<Path<String>, PathRejection>, req: Request) -> Response {
    let (parts, _body) = req.into_parts();
    let n = match path_param(n, &parts.headers).and_then(|n| {
        parse_count("n (the number of lines)", &n, MAX_LINES)
            .map_err(|m| bad_request(&parts.headers, m))
    }) {
        Ok(n) => n,
        Err(res) => return res,
    };
    let lines = match stream_lines(&parts, n) {
        Ok(lines) => lines,
        Err(res) => return res,
    };
    let mut res = Response::new(chunked(lines));
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    res
}

/// The lines of `/stream/{n}`: the request description with `"id"`, one compact JSON per line.
fn stream_lines(parts: &Parts, n: u64) -> Result<Vec<Bytes>, Response> {
    let mut info = super::echo::request_info(parts)?;
    info.remove("method");
    (0..n)
        .map(|id| {
            info.insert("id".into(), Value::from(id));
            let mut line = serde_json::to_vec(&info).unwrap_or_default();
            line.push(b'\n');
            Ok(Bytes::from(line))
        })
        .collect()
}

/// The settings of `/stream-bytes/{n}`: chunk size and seed.
fn parse_stream_bytes(query: Option<&str>) -> Result<(u64, Option<u64>), String> {
    let (mut chunk, mut seed) = (DEFAULT_CHUNK, None);
    for (k, v) in query_pairs(query)? {
        match k.as_str() {
            "chunk_size" => {
                chunk = parse_count("chunk_size", &v, MAX_BYTES)?;
                if chunk == 0 {
                    return Err(format!(
                        "chunk_size must be from 1 to {MAX_BYTES} bytes; got 0"
                    ));
                }
            }
            "seed" => seed = Some(super::parse_seed(&v)?),
            _ => {}
        }
    }
    Ok((chunk, seed))
}

/// `n` random bytes (repeatable with a seed), cut into pieces of `chunk` bytes.
fn random_chunks(n: u64, chunk: u64, seed: Option<u64>) -> Vec<Bytes> {
    let mut rng = seed.map_or_else(fastrand::Rng::new, fastrand::Rng::with_seed);
    let mut bytes = vec![0u8; usize::try_from(n).unwrap_or(0)];
    rng.fill(&mut bytes);
    let chunk = usize::try_from(chunk).unwrap_or(1).max(1);
    bytes.chunks(chunk).map(Bytes::copy_from_slice).collect()
}

async fn stream_bytes(
    n: Result<Path<String>, PathRejection>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let settings = path_param(n, &headers).and_then(|n| {
        let n = parse_count("n (the number of bytes)", &n, MAX_BYTES)
            .map_err(|m| bad_request(&headers, m))?;
        let (chunk, seed) =
            parse_stream_bytes(uri.query()).map_err(|m| bad_request(&headers, m))?;
        Ok((n, chunk, seed))
    });
    let (n, chunk, seed) = match settings {
        Ok(s) => s,
        Err(res) => return res,
    };
    let mut res = Response::new(chunked(random_chunks(n, chunk, seed)));
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
    res
}

/// The settings of one `/sse` answer.
#[derive(Debug, PartialEq)]
struct Sse {
    count: u64,
    duration: Duration,
    delay: Duration,
}

/// Seconds as a number (`1.5`) or Go-style with a unit (`1500ms`, `2s`, `1m`), up to `max`.
fn parse_duration(what: &str, value: &str, max: Duration) -> Result<Duration, String> {
    let v = value.trim();
    let (number, scale) = if let Some(n) = v.strip_suffix("ms") {
        (n, 0.001)
    } else if let Some(n) = v.strip_suffix('s') {
        (n, 1.0)
    } else if let Some(n) = v.strip_suffix('m') {
        (n, 60.0)
    } else {
        (v, 1.0)
    };
    let seconds: f64 = number.trim().parse().map_err(|_| {
        format!(
            "{what} must be seconds (1.5) or a number with ms, s or m (1500ms); got {:?}",
            shorten(value)
        )
    })?;
    parse_seconds(what, &(seconds * scale).to_string(), max)
}

fn parse_sse(query: Option<&str>, max_delay: Duration) -> Result<Sse, String> {
    let mut s = Sse {
        count: SSE_COUNT,
        duration: SSE_DURATION.min(max_delay),
        delay: Duration::ZERO,
    };
    for (k, v) in query_pairs(query)? {
        match k.as_str() {
            "count" => {
                s.count = parse_count("count", &v, MAX_EVENTS)?;
                if s.count == 0 {
                    return Err(format!("count must be from 1 to {MAX_EVENTS}; got 0"));
                }
            }
            "duration" => s.duration = parse_duration("duration", &v, max_delay)?,
            "delay" => s.delay = parse_duration("delay", &v, max_delay)?,
            _ => {}
        }
    }
    super::within_max_delay(s.delay, s.duration, max_delay)?;
    Ok(s)
}

/// One server-sent event.
fn event(id: u64) -> Bytes {
    let ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
    Bytes::from(format!(
        "id: {id}\nevent: ping\ndata: {{\"id\":{id},\"timestamp\":{ms}}}\n\n"
    ))
}

async fn sse(State(state): State<AppState>, uri: Uri, headers: HeaderMap) -> Response {
    let s = match parse_sse(uri.query(), state.config.max_delay) {
        Ok(s) => s,
        Err(m) => return bad_request(&headers, m),
    };
    if !s.delay.is_zero() {
        tokio::time::sleep(s.delay).await;
    }
    // The first event at once, the last one after about `duration`.
    let pause = if s.count > 1 {
        s.duration.div_f64((s.count - 1) as f64)
    } else {
        Duration::ZERO
    };
    let count = s.count;
    let events = futures_util::stream::unfold(0u64, move |i| async move {
        if i >= count {
            return None;
        }
        if i > 0 {
            tokio::time::sleep(pause).await;
        }
        Some((Ok::<_, Infallible>(event(i)), i + 1))
    });
    let mut res = Response::new(Body::from_stream(events));
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/event-stream"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    res
}

/// Fields that may not be trailers: message framing, routing and hop-by-hop fields, and the
/// fields a recipient needs before the body (authentication, caching, content, cookies).
fn trailer_allowed(name: &HeaderName) -> bool {
    !matches!(
        name.as_str(),
        "authorization"
            | "cache-control"
            | "connection"
            | "content-encoding"
            | "content-length"
            | "content-range"
            | "content-type"
            | "expect"
            | "host"
            | "keep-alive"
            | "max-forwards"
            | "proxy-authenticate"
            | "proxy-authorization"
            | "proxy-connection"
            | "set-cookie"
            | "te"
            | "trailer"
            | "transfer-encoding"
            | "upgrade"
            | "www-authenticate"
    )
}

/// The trailers the query asks for, checked.
fn parse_trailers(query: Option<&str>) -> Result<HeaderMap, String> {
    let mut map = HeaderMap::new();
    for (k, v) in query_pairs(query)? {
        let name = HeaderName::from_bytes(k.as_bytes())
            .map_err(|_| format!("{:?} is not a valid header name", shorten(&k)))?;
        if !trailer_allowed(&name) {
            return Err(format!(
                "{name} cannot be a trailer: framing, hop-by-hop, authentication, caching, content and cookie fields must come before the body"
            ));
        }
        let value = HeaderValue::from_str(&v)
            .map_err(|_| format!("the value of {name} is not a valid header value"))?;
        map.append(name, value);
        if map.keys_len() > MAX_EXTRA_HEADERS {
            return Err(format!("at most {MAX_EXTRA_HEADERS} trailers are accepted"));
        }
    }
    Ok(map)
}

/// A body of one data frame followed by a trailers frame.
struct WithTrailers {
    frames: VecDeque<Frame<Bytes>>,
}

impl HttpBody for WithTrailers {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        Poll::Ready(self.frames.pop_front().map(Ok))
    }

    fn is_end_stream(&self) -> bool {
        self.frames.is_empty()
    }
}

async fn trailers(State(state): State<AppState>, req: Request) -> Response {
    let te_trailers = req
        .headers()
        .get_all(header::TE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| t.trim().eq_ignore_ascii_case("trailers"));
    let wanted = match parse_trailers(req.uri().query()) {
        Ok(t) => t,
        Err(m) => {
            let res = bad_request(req.headers(), m);
            super::discard(req.into_body());
            return res;
        }
    };
    let fields = match super::echo::echo(&state, req).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    let mut data = serde_json::to_vec_pretty(&Value::Object(fields)).unwrap_or_default();
    data.push(b'\n');
    let (mut parts, ()) = Response::new(()).into_parts();
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    let declared = wanted
        .keys()
        .map(HeaderName::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if !declared.is_empty() {
        if let Ok(v) = HeaderValue::from_str(&declared) {
            parts.headers.insert(header::TRAILER, v);
        }
        if !te_trailers {
            parts.headers.insert(
                "httpstatus-trailers",
                HeaderValue::from_static(
                    "not sent: trailers are only sent when the request carries TE: trailers",
                ),
            );
        }
    }
    let mut frames = VecDeque::from([Frame::data(Bytes::from(data))]);
    if !wanted.is_empty() {
        frames.push_back(Frame::trailers(wanted));
    }
    Response::from_parts(parts, Body::new(WithTrailers { frames }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stream_bytes_settings() {
        assert_eq!(parse_stream_bytes(None), Ok((10 * 1024, None)));
        assert_eq!(
            parse_stream_bytes(Some("chunk_size=7&seed=3")),
            Ok((7, Some(3)))
        );
        for bad in [
            "chunk_size=0",
            "chunk_size=-1",
            "chunk_size=x",
            "chunk_size=102401",
            "seed=x",
            "seed=-1",
        ] {
            assert!(parse_stream_bytes(Some(bad)).is_err(), "{bad}");
        }
        let a = random_chunks(25, 10, Some(5));
        assert_eq!(a.iter().map(Bytes::len).collect::<Vec<_>>(), [10, 10, 5]);
        assert_eq!(a, random_chunks(25, 10, Some(5)));
        assert!(random_chunks(0, 10, None).is_empty());
    }

    #[test]
    fn sse_settings() {
        let max = Duration::from_secs(3);
        assert_eq!(
            parse_sse(None, max),
            Ok(Sse {
                count: 10,
                duration: max,
                delay: Duration::ZERO
            })
        );
        assert_eq!(
            parse_sse(Some("count=2&duration=500ms&delay=1s"), max),
            Ok(Sse {
                count: 2,
                duration: Duration::from_millis(500),
                delay: Duration::from_secs(1)
            })
        );
        for bad in [
            "count=0",
            "count=1001",
            "count=x",
            "duration=-1",
            "duration=NaN",
            "duration=4",
            "delay=1m",
            "delay=2&duration=2",
            "duration=5h",
        ] {
            assert!(parse_sse(Some(bad), max).is_err(), "{bad}");
        }
        let e = String::from_utf8(event(3).to_vec()).unwrap_or_default();
        assert!(e.starts_with("id: 3\nevent: ping\ndata: {\"id\":3,\"timestamp\":"));
        assert!(e.ends_with("}\n\n"));
    }

    #[test]
    fn trailer_names() {
        let t = parse_trailers(Some("X-One=1&x-two=a&x-two=b")).unwrap_or_default();
        assert_eq!(t.len(), 3);
        for bad in [
            "Content-Length=1",
            "transfer-encoding=x",
            "Trailer=x",
            "Connection=close",
            "Set-Cookie=a",
            "bad%20name=1",
            "x-ok=%0A",
        ] {
            assert!(parse_trailers(Some(bad)).is_err(), "{bad}");
        }
        let many = (0..21)
            .map(|i| format!("x-{i}=1"))
            .collect::<Vec<_>>()
            .join("&");
        assert!(parse_trailers(Some(&many)).is_err());
    }
}
