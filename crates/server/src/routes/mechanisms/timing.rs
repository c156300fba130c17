//! Time and chance (httpbin, go-httpbin): `/delay/{n}`, `/drip` and `/unstable`.
//!
//! - `/delay/{n}`: the echo after `n` seconds (fractions allowed), any method; above
//!   `--max-delay` is a 400, not a silent clamp.
//! - `/drip?numbytes=10&duration=2&delay=0&code=200`: waits `delay` seconds, then sends the
//!   status and headers (`Content-Length: numbytes`) and streams `numbytes` asterisks spread over
//!   `duration` seconds, as httpbin does: one byte at a time, or at most 1,000 evenly sized
//!   pieces for larger bodies. `delay + duration` is capped by `--max-delay`, `numbytes` by
//!   100 KiB; `code` is any status from 200 to 599 that allows a body.
//! - `/unstable?failure_rate=0.5&failure_code=500&seed=`: fails with `failure_code` (400-599)
//!   at `failure_rate` (0 to 1), else 200; with `seed=` the outcome is the same every time.

use std::convert::Infallible;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Request, State};
use axum::response::Response;
use axum::routing::any;
use axum::Router;
use http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use serde_json::Value;

use super::{
    bad_request, json_response, parse_count, parse_seconds, path_param, shorten, MAX_BYTES,
};
use crate::negotiate::{self, Format};
use crate::routes::status::{build, query_pairs, Options};
use crate::state::AppState;

/// Most pieces a drip is cut into.
const MAX_DRIPS: u64 = 1000;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/delay/{n}", any(delay))
        .route("/drip", any(drip))
        .route("/unstable", any(unstable))
}

async fn delay(
    State(state): State<AppState>,
    n: Result<Path<String>, PathRejection>,
    req: Request,
) -> Response {
    let wait = match path_param(n, req.headers()).and_then(|n| {
        parse_seconds("the delay", &n, state.config.max_delay)
            .map_err(|m| bad_request(req.headers(), m))
    }) {
        Ok(d) => d,
        Err(res) => return res,
    };
    let mut fields = match super::echo::echo(&state, req).await {
        Ok(f) => f,
        Err(res) => return res,
    };
    tokio::time::sleep(wait).await;
    // httpbin's /delay shape: the body fields but json, and no method.
    fields.remove("json");
    fields.remove("method");
    json_response(StatusCode::OK, &Value::Object(fields))
}

/// The settings of one drip.
#[derive(Debug, PartialEq)]
struct Drip {
    numbytes: u64,
    duration: Duration,
    delay: Duration,
    code: u16,
}

fn parse_drip(query: Option<&str>, max_delay: Duration) -> Result<Drip, String> {
    let mut d = Drip {
        numbytes: 10,
        duration: Duration::from_secs(2),
        delay: Duration::ZERO,
        code: 200,
    };
    for (k, v) in query_pairs(query)? {
        match k.as_str() {
            "numbytes" => d.numbytes = parse_count("numbytes", &v, MAX_BYTES)?,
            "duration" => d.duration = parse_seconds("duration", &v, max_delay)?,
            "delay" => d.delay = parse_seconds("delay", &v, max_delay)?,
            "code" => {
                let code = v.trim().parse::<u16>().unwrap_or(0);
                if !(200..=599).contains(&code) || matches!(code, 204 | 205 | 206 | 304) {
                    return Err(format!(
                        "code must be a status from 200 to 599 that carries a body (not 204, 205, 206 or 304); got {:?}",
                        shorten(&v)
                    ));
                }
                d.code = code;
            }
            _ => {}
        }
    }
    super::within_max_delay(d.delay, d.duration, max_delay)?;
    Ok(d)
}

/// Sizes of the pieces: `numbytes` split into at most [`MAX_DRIPS`] near-equal parts.
fn pieces(numbytes: u64) -> Vec<usize> {
    let count = numbytes.min(MAX_DRIPS);
    (0..count)
        .map(|i| usize::try_from(numbytes * (i + 1) / count - numbytes * i / count).unwrap_or(0))
        .collect()
}

async fn drip(
    State(state): State<AppState>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let d = match parse_drip(uri.query(), state.config.max_delay) {
        Ok(d) => d,
        Err(m) => return bad_request(&headers, m),
    };
    if !d.delay.is_zero() {
        tokio::time::sleep(d.delay).await;
    }
    let sizes = pieces(d.numbytes);
    let pause = if sizes.is_empty() {
        Duration::ZERO
    } else {
        d.duration.div_f64(sizes.len() as f64)
    };
    // A piece, then a pause, as httpbin does: the last piece arrives after about `duration`.
    let stream = futures_util::stream::unfold((0usize, sizes), move |(i, sizes)| async move {
        let size = *sizes.get(i)?;
        if i > 0 {
            tokio::time::sleep(pause).await;
        }
        Some((
            Ok::<_, Infallible>(Bytes::from(vec![b'*'; size])),
            (i + 1, sizes),
        ))
    });
    let mut res = build(
        d.code,
        &Options::default(),
        &method,
        Format::Text,
        negotiate::lang(None, &headers),
        "/get",
    );
    *res.body_mut() = Body::from_stream(stream);
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
    res.headers_mut()
        .insert(header::CONTENT_LENGTH, HeaderValue::from(d.numbytes));
    res
}

/// The settings of `/unstable`.
fn parse_unstable(query: Option<&str>) -> Result<(f64, u16, Option<u64>), String> {
    let (mut rate, mut code, mut seed) = (0.5, 500, None);
    for (k, v) in query_pairs(query)? {
        match k.as_str() {
            "failure_rate" => {
                rate = v.trim().parse::<f64>().map_err(|_| {
                    format!(
                        "failure_rate must be a number from 0 to 1; got {:?}",
                        shorten(&v)
                    )
                })?;
                if !(0.0..=1.0).contains(&rate) {
                    return Err(format!(
                        "failure_rate must be a number from 0 to 1; got {rate}"
                    ));
                }
            }
            "failure_code" => {
                code = v.trim().parse::<u16>().unwrap_or(0);
                if !(400..=599).contains(&code) {
                    return Err(format!(
                        "failure_code must be a status from 400 to 599; got {:?}",
                        shorten(&v)
                    ));
                }
            }
            "seed" => seed = Some(super::parse_seed(&v)?),
            _ => {}
        }
    }
    Ok((rate, code, seed))
}

/// Whether this request fails.
fn fails(rate: f64, seed: Option<u64>) -> bool {
    let mut rng = seed.map_or_else(fastrand::Rng::new, fastrand::Rng::with_seed);
    rng.f64() < rate
}

async fn unstable(method: Method, uri: Uri, headers: HeaderMap) -> Response {
    let (rate, failure_code, seed) = match parse_unstable(uri.query()) {
        Ok(p) => p,
        Err(m) => return bad_request(&headers, m),
    };
    let code = if fails(rate, seed) { failure_code } else { 200 };
    let format = negotiate::format(&headers, Format::Text);
    build(
        code,
        &Options::default(),
        &method,
        format,
        negotiate::lang(None, &headers),
        "/get",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drip_settings() {
        let max = Duration::from_secs(3);
        assert_eq!(
            parse_drip(Some("numbytes=5&duration=0.5&delay=1&code=503"), max),
            Ok(Drip {
                numbytes: 5,
                duration: Duration::from_millis(500),
                delay: Duration::from_secs(1),
                code: 503
            })
        );
        for bad in [
            "numbytes=-1",
            "numbytes=NaN",
            "numbytes=102401",
            "duration=-1",
            "duration=NaN",
            "delay=inf",
            "delay=2&duration=2",
            "code=204",
            "code=99",
            "code=x",
            "code=600",
            "numbytes=%FF",
        ] {
            assert!(parse_drip(Some(bad), max).is_err(), "{bad}");
        }
        assert_eq!(pieces(0), Vec::<usize>::new());
        assert_eq!(pieces(3), [1, 1, 1]);
        let big = pieces(MAX_BYTES);
        assert_eq!(big.len(), 1000);
        assert_eq!(big.iter().sum::<usize>(), 102_400);
    }

    #[test]
    fn unstable_settings() {
        assert_eq!(parse_unstable(None), Ok((0.5, 500, None)));
        assert_eq!(
            parse_unstable(Some("failure_rate=1&failure_code=503&seed=4")),
            Ok((1.0, 503, Some(4)))
        );
        for bad in [
            "failure_rate=NaN",
            "failure_rate=-0.1",
            "failure_rate=1.5",
            "failure_rate=inf",
            "failure_code=200",
            "failure_code=x",
            "seed=-1",
        ] {
            assert!(parse_unstable(Some(bad)).is_err(), "{bad}");
        }
        assert!(fails(1.0, None));
        assert!(!fails(0.0, None));
        assert_eq!(fails(0.5, Some(3)), fails(0.5, Some(3)));
        assert!(
            !fails(0.5, Some(3)),
            "the documented example /unstable?failure_rate=0.5&seed=3 answers 200"
        );
    }
}
