//! Any status on demand, with the semantics the registry gives it.
//!
//! - `/status/{codes}` (httpbin, go-httpbin), `/{code}` and `/{code}/{*rest}` (httpstat.us),
//!   `/random/{list}` (httpstat.us). `codes` is one code, a list `200,500`, weights `200:0.9,500:0.1`
//!   or ranges `500-504`, mixed freely.
//! - Query: `sleep` (ms) or `delay` (s) capped by the server's max delay; `header=Name:Value`
//!   (repeatable) and httpstat.us's `X-HttpStatus-Response-Name` request headers add response
//!   headers; `body=` sets a plain-text body, `empty` sends none; `retry_after=`; `location=` (a
//!   relative path) for redirects; `seed=` makes a random choice repeatable; `lang=th`.
//!
//! Per-code rules: Location on 201/300/301/302/303/305/307/308; WWW-Authenticate on 401;
//! Proxy-Authenticate on 407; Allow on 405; Retry-After on 429 and 503; `Content-Range: bytes */N`
//! on 416; a real partial body on 206; Upgrade on 426; no body and no Content-Type on 204, 205 and
//! 304; the registry's reason phrase on the status line. 1xx codes cannot be a final response:
//! 100 is sent for real when the client sent `Expect: 100-continue`, 101 performs a real upgrade
//! to a small echo protocol when the client asks for one, and the others end in a final 200 that
//! carries the headers the interim response would have had (see `crate::wire::ONE_XX_NOTE`).

use std::time::Duration;

use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;
use http::header::{self, HeaderName};
use http::{HeaderMap, HeaderValue, Method, StatusCode};
use httpstatus_codes::{Body as BodyRule, Entry, Explanation, Lang};
use serde_json::json;

use std::sync::Arc;

use crate::error::{escape_html, AppError};
use crate::http2::Interim;
use crate::negotiate::{self, Format};
use crate::state::AppState;
pub(crate) use crate::wire::query_pairs;
use crate::wire::wire_phrase;

/// Most choices one `/status/...` path may list.
const MAX_CHOICES: usize = 100;
/// Most extra headers one request may ask for.
pub(crate) const MAX_EXTRA_HEADERS: usize = 20;
/// Where `/status/3xx` redirects point by default: httpbin's choice, a redirect chain that ends
/// at `/get`.
pub(crate) const STATUS_LOCATION: &str = "/redirect/1";
/// Length of the notional representation behind `/status/416`.
const RANGE_LENGTH: u64 = 1024;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/status/{codes}", any(status))
        .route("/random/{codes}", any(status))
        .route("/{code}", any(bare_code))
        .route("/{code}/{*rest}", any(bare_code_rest))
}

/// One possible answer in a `/status/...` list.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Choice {
    pub first: u16,
    pub last: u16,
    pub weight: f64,
}

/// Parses `200`, `200,500`, `200:0.9,500:0.1`, `500-504`.
pub(crate) fn parse_choices(spec: &str) -> Result<Vec<Choice>, String> {
    if spec.is_empty() {
        return Err("no status code given: use /status/404, /status/200,500, /status/200:0.9,500:0.1 or /status/500-504".into());
    }
    let items: Vec<&str> = spec.split(',').collect();
    if items.len() > MAX_CHOICES {
        return Err(format!(
            "{} choices given; at most {MAX_CHOICES} are accepted",
            items.len()
        ));
    }
    let code = |s: &str| -> Result<u16, String> {
        let s = s.trim();
        if s.is_empty() || s.len() > 3 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!(
                "{:?} is not a status code: use three digits, 100-999",
                truncate(s)
            ));
        }
        let n: u16 = s
            .parse()
            .map_err(|_| format!("{s:?} is not a status code"))?;
        if n < 100 {
            return Err(format!(
                "{n} is not a status code: HTTP status codes run from 100 to 999"
            ));
        }
        Ok(n)
    };
    let mut choices = Vec::with_capacity(items.len());
    for item in items {
        if item.trim().is_empty() {
            return Err("empty entry in the list: write codes separated by single commas".into());
        }
        let (codes, weight) = match item.split_once(':') {
            Some((c, w)) => {
                let w: f64 = w
                    .trim()
                    .parse()
                    .map_err(|_| format!("weight {:?} is not a number", truncate(w)))?;
                if !w.is_finite() || w < 0.0 {
                    return Err(format!("weight {w} must be a finite number not below 0"));
                }
                (c, w)
            }
            None => (item, 1.0),
        };
        let (first, last) = match codes.split_once('-') {
            Some((a, b)) => {
                let (a, b) = (code(a)?, code(b)?);
                if a > b {
                    return Err(format!("range {a}-{b} runs backwards"));
                }
                (a, b)
            }
            None => {
                let c = code(codes)?;
                (c, c)
            }
        };
        choices.push(Choice {
            first,
            last,
            weight,
        });
    }
    let total: f64 = choices.iter().map(|c| c.weight).sum();
    if !(total > 0.0 && total.is_finite()) {
        return Err("the weights add up to 0: give at least one code a positive weight".into());
    }
    Ok(choices)
}

fn truncate(s: &str) -> String {
    s.chars().take(32).collect()
}

/// Picks a code: weighted among choices, uniform inside a range.
pub(crate) fn pick(choices: &[Choice], rng: &mut fastrand::Rng) -> u16 {
    let total: f64 = choices.iter().map(|c| c.weight).sum();
    let mut x = rng.f64() * total;
    let chosen = choices
        .iter()
        .find(|c| {
            if x < c.weight {
                return true;
            }
            x -= c.weight;
            false
        })
        .or_else(|| choices.iter().rev().find(|c| c.weight > 0.0))
        .copied()
        .unwrap_or(Choice {
            first: 200,
            last: 200,
            weight: 1.0,
        });
    rng.u16(chosen.first..=chosen.last)
}

/// Options shared by every status endpoint, from the query string and httpstat.us headers.
#[derive(Debug, Default)]
pub(crate) struct Options {
    pub delay: Duration,
    pub lang: Option<Lang>,
    pub body: Option<String>,
    pub empty: bool,
    pub retry_after: Option<u64>,
    pub location: Option<String>,
    pub seed: Option<u64>,
    pub headers: Vec<(HeaderName, HeaderValue)>,
    /// The final status after an interim (1xx) one: `final=` (200 unless given).
    pub final_code: Option<u16>,
}

/// Response headers a caller may not set: framing, hop-by-hop, content type (reflected-XSS
/// tricks), cookies and redirects (use `location=`, which is checked).
/// Framing and hop-by-hop response fields: only the server sets them.
pub(crate) fn is_framing(name: &str) -> bool {
    matches!(
        name,
        "connection"
            | "keep-alive"
            | "transfer-encoding"
            | "te"
            | "trailer"
            | "upgrade"
            | "content-length"
            | "content-encoding"
            | "proxy-connection"
    )
}

pub(crate) fn header_allowed(name: &HeaderName) -> bool {
    let n = name.as_str();
    !(is_framing(n)
        || matches!(
            n,
            "content-type"
                | "content-disposition"
                | "host"
                | "set-cookie"
                | "location"
                | "refresh"
                | "x-content-type-options"
        )
        || n.starts_with("proxy-")
        || n.starts_with("access-control-"))
}

fn parse_header(spec: &str) -> Result<(HeaderName, HeaderValue), String> {
    let (name, value) = spec
        .split_once(':')
        .ok_or_else(|| format!("header {:?} must be written Name:Value", truncate(spec)))?;
    let name = HeaderName::from_bytes(name.trim().as_bytes())
        .map_err(|_| format!("{:?} is not a valid header name", truncate(name)))?;
    if !header_allowed(&name) {
        return Err(format!(
            "header {name} cannot be set through the test endpoints"
        ));
    }
    let value = HeaderValue::from_str(value.trim()).map_err(|_| {
        format!("the value of header {name} has characters not allowed in a header")
    })?;
    Ok((name, value))
}

/// A relative path for `location=`; absolute URLs and scheme-relative tricks are refused.
pub(crate) fn safe_relative_location(target: &str) -> Result<String, String> {
    let decoded = percent_encoding::percent_decode_str(target).decode_utf8_lossy();
    let bad = !target.starts_with('/')
        || decoded.starts_with("//")
        || decoded.starts_with("/\\")
        || decoded.contains(['\r', '\n'])
        || decoded.chars().any(char::is_control);
    if bad {
        return Err("location must be a path on this server, such as /status/200".into());
    }
    Ok(target.to_string())
}

fn parse_delay(value: &str, unit_ms: bool, max: Duration) -> Result<Duration, String> {
    let n: f64 = value
        .trim()
        .parse()
        .map_err(|_| format!("delay {:?} is not a number", truncate(value)))?;
    if !n.is_finite() || n < 0.0 {
        return Err(format!("delay {n} must be a finite number not below 0"));
    }
    let secs = if unit_ms { n / 1000.0 } else { n };
    if secs > max.as_secs_f64() {
        return Err(format!(
            "a delay of {secs} s is above this server's limit of {} s",
            max.as_secs_f64()
        ));
    }
    Ok(Duration::from_secs_f64(secs))
}

impl Options {
    pub fn parse(
        query: Option<&str>,
        headers: &HeaderMap,
        max_delay: Duration,
    ) -> Result<Options, String> {
        let mut o = Options::default();
        for (k, v) in query_pairs(query)? {
            match k.as_str() {
                "sleep" => o.delay += parse_delay(&v, true, max_delay)?,
                "delay" => o.delay += parse_delay(&v, false, max_delay)?,
                "lang" => o.lang = Some(Lang::from_locale(&v).ok_or("lang must be en or th")?),
                "body" => o.body = Some(v),
                "empty" => o.empty = !matches!(v.as_str(), "0" | "false" | "no"),
                "retry_after" => {
                    o.retry_after = Some(
                        v.trim()
                            .parse()
                            .map_err(|_| "retry_after must be whole seconds")?,
                    );
                }
                "location" => o.location = Some(safe_relative_location(&v)?),
                "seed" => {
                    o.seed = Some(
                        v.trim()
                            .parse()
                            .map_err(|_| "seed must be a whole number")?,
                    )
                }
                "header" => o.headers.push(parse_header(&v)?),
                "final" => {
                    o.final_code = Some(
                        v.trim()
                            .parse::<u16>()
                            .ok()
                            .filter(|c| (200..=599).contains(c))
                            .ok_or("final must be a final status code from 200 to 599")?,
                    );
                }
                _ => {} // other parameters are ignored, as httpbin does
            }
        }
        if let Some(v) = headers.get("x-httpstatus-sleep") {
            let v = v
                .to_str()
                .map_err(|_| "X-HttpStatus-Sleep must be a number of milliseconds")?;
            o.delay += parse_delay(v, true, max_delay)?;
        }
        for (name, value) in headers {
            if let Some(rest) = name.as_str().strip_prefix("x-httpstatus-response-") {
                let name = HeaderName::from_bytes(rest.as_bytes())
                    .map_err(|_| "bad X-HttpStatus-Response- header name")?;
                if !header_allowed(&name) {
                    return Err(format!(
                        "header {name} cannot be set through the test endpoints"
                    ));
                }
                o.headers.push((name, value.clone()));
            }
        }
        if o.headers.len() > MAX_EXTRA_HEADERS {
            return Err(format!(
                "at most {MAX_EXTRA_HEADERS} extra headers may be asked for"
            ));
        }
        if o.delay > max_delay {
            return Err(format!(
                "a total delay of {} s is above this server's limit of {} s",
                o.delay.as_secs_f64(),
                max_delay.as_secs_f64()
            ));
        }
        Ok(o)
    }
}

async fn status(
    State(state): State<AppState>,
    path: Result<Path<String>, axum::extract::rejection::PathRejection>,
    req: Request,
) -> Response {
    let format = negotiate::format(req.headers(), Format::Text);
    let spec = match path {
        Ok(Path(spec)) => spec,
        Err(e) => {
            return AppError::bad_request(format!("bad path: {e}"))
                .in_format(format)
                .into_response()
        }
    };
    let choices = match parse_choices(&spec) {
        Ok(c) => c,
        Err(msg) => return AppError::bad_request(msg).in_format(format).into_response(),
    };
    respond(&state, &choices, req, STATUS_LOCATION).await
}

async fn bare_code(
    State(state): State<AppState>,
    Path(code): Path<String>,
    req: Request,
) -> Response {
    bare(state, &code, req).await
}

async fn bare_code_rest(
    State(state): State<AppState>,
    Path((code, _rest)): Path<(String, String)>,
    req: Request,
) -> Response {
    bare(state, &code, req).await
}

/// httpstat.us URLs: `/404`. A first segment that is not a number is simply not found.
async fn bare(state: AppState, code: &str, req: Request) -> Response {
    let format = negotiate::format(req.headers(), Format::Html);
    if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return AppError::not_found(format!(
            "nothing at {}; see / and /endpoints",
            req.uri().path()
        ))
        .in_format(format)
        .into_response();
    }
    match parse_choices(code) {
        Ok(choices) => respond(&state, &choices, req, "/200").await,
        Err(msg) => AppError::bad_request(msg)
            .in_format(negotiate::format(req.headers(), Format::Text))
            .into_response(),
    }
}

async fn respond(
    state: &AppState,
    choices: &[Choice],
    req: Request,
    default_location: &str,
) -> Response {
    let format = negotiate::format(req.headers(), Format::Text);
    let opts = match Options::parse(req.uri().query(), req.headers(), state.config.max_delay) {
        Ok(o) => o,
        Err(msg) => return AppError::bad_request(msg).in_format(format).into_response(),
    };
    let mut rng = opts
        .seed
        .map_or_else(fastrand::Rng::new, fastrand::Rng::with_seed);
    let code = pick(choices, &mut rng);
    let lang = opts
        .lang
        .unwrap_or_else(|| negotiate::lang(None, req.headers()));
    if (102..200).contains(&code) {
        if let Some(interim) = req.extensions().get::<Arc<Interim>>().cloned() {
            return interim_then_final(code, &opts, req, &interim, format, lang, default_location)
                .await;
        }
    }
    if !opts.delay.is_zero() {
        tokio::time::sleep(opts.delay).await;
    }
    if code == 101 {
        return switching_protocols(req, format);
    }
    let (parts, body) = req.into_parts();
    // After an interim code: the final status asked for with final=, 200 by default.
    let final_response = |method: &Method| {
        let final_code = opts.final_code.unwrap_or(200);
        build(final_code, &opts, method, format, lang, default_location)
    };
    if code == 100 {
        // Reading the body is what makes hyper send a real "100 Continue" when the client
        // asked for one; the final answer is 200.
        let expected = parts
            .headers
            .get(header::EXPECT)
            .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"100-continue"));
        let _ = axum::body::to_bytes(body, state.config.max_body_bytes).await;
        let mut res = final_response(&parts.method);
        let note = if expected {
            "100 Continue was sent before this response"
        } else {
            "100 Continue is only sent when the request carries Expect: 100-continue"
        };
        res.headers_mut()
            .insert("httpstatus-interim", HeaderValue::from_static(note));
        return res;
    }
    drop(body);
    if (100..200).contains(&code) {
        // An HTTP/1.0 client, which must never get an interim response (RFC 9110 §15.2): the
        // final answer says what would have come first.
        let mut res = final_response(&parts.method);
        if code == 103 && !opts.headers.iter().any(|(n, _)| n == header::LINK) {
            res.headers_mut()
                .insert(header::LINK, HeaderValue::from_static(EARLY_HINT));
        }
        let why = if parts.version == http::Version::HTTP_10 {
            "HTTP/1.0 clients never get interim responses"
        } else {
            "this connection cannot carry interim responses"
        };
        if let Ok(v) = HeaderValue::from_str(&format!("{code} not sent: {why}")) {
            res.headers_mut().insert("httpstatus-interim", v);
        }
        return res;
    }
    build(code, &opts, &parts.method, format, lang, default_location)
}

/// What `/status/103` hints at unless `header=Link:...` says otherwise.
const EARLY_HINT: &str = "</assets/style.css>; rel=preload; as=style";

/// A real interim response (102, 103, 104 ...) on an HTTP/1.1 connection, then, after the
/// requested delay, the final one (`final=`, 200 by default). The interim response carries the
/// `header=` fields (103: a `Link` preload unless one is given); so does the final one, as
/// servers repeat early hints there.
async fn interim_then_final(
    code: u16,
    opts: &Options,
    req: Request,
    interim: &Interim,
    format: Format,
    lang: Lang,
    default_location: &str,
) -> Response {
    let mut fields = HeaderMap::new();
    for (name, value) in &opts.headers {
        fields.append(name.clone(), value.clone());
    }
    if code == 103 && !fields.contains_key(header::LINK) {
        fields.insert(header::LINK, HeaderValue::from_static(EARLY_HINT));
    }
    let phrase = wire_phrase(code);
    let sent = interim.send(code, &phrase, &fields).await;
    if !opts.delay.is_zero() {
        tokio::time::sleep(opts.delay).await;
    }
    let (parts, body) = req.into_parts();
    drop(body);
    let final_code = opts.final_code.unwrap_or(200);
    let mut res = build(
        final_code,
        opts,
        &parts.method,
        format,
        lang,
        default_location,
    );
    if code == 103 {
        if let Some(link) = fields.get(header::LINK) {
            res.headers_mut().insert(header::LINK, link.clone());
        }
    }
    let note = if sent {
        format!("{code} {phrase} was sent before this response")
    } else {
        format!("{code} not sent: the client read nothing for 5 s")
    };
    if let Ok(v) = HeaderValue::from_str(&note) {
        res.headers_mut().insert("httpstatus-interim", v);
    }
    res
}

/// 101: a real protocol switch to a tiny echo protocol, when the client asks for it. Without an
/// upgrade request a 101 would be a protocol error, so the answer is 426 saying how to ask.
fn switching_protocols(mut req: Request, format: Format) -> Response {
    let wants = req
        .headers()
        .get(header::CONNECTION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .any(|t| t.trim().eq_ignore_ascii_case("upgrade"))
        });
    let protocol = req.headers().get(header::UPGRADE).cloned();
    let (true, Some(protocol)) = (wants, protocol) else {
        let mut res = AppError::with_status(
            StatusCode::UPGRADE_REQUIRED,
            "101 Switching Protocols answers an upgrade request: send Connection: Upgrade and Upgrade: echo",
        )
        .in_format(format)
        .into_response();
        res.headers_mut()
            .insert(header::UPGRADE, HeaderValue::from_static("echo"));
        res.headers_mut()
            .insert(header::CONNECTION, HeaderValue::from_static("Upgrade"));
        return res;
    };
    let on_upgrade = hyper::upgrade::on(&mut req);
    tokio::spawn(async move {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let Ok(upgraded) = on_upgrade.await else {
            return;
        };
        let mut io = hyper_util::rt::TokioIo::new(upgraded);
        let mut buf = [0u8; 4096];
        // Echo for at most 30 s or 1 MiB, then close: bounded, never hangs.
        let mut budget = 1024 * 1024usize;
        let deadline = tokio::time::sleep(Duration::from_secs(30));
        tokio::pin!(deadline);
        loop {
            tokio::select! {
                read = io.read(&mut buf) => match read {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        if io.write_all(&buf[..n]).await.is_err() || n >= budget { break; }
                        budget -= n;
                    }
                },
                () = &mut deadline => break,
            }
        }
        let _ = io.shutdown().await;
    });
    let mut res = Response::new(Body::empty());
    *res.status_mut() = StatusCode::SWITCHING_PROTOCOLS;
    res.headers_mut().insert(header::UPGRADE, protocol);
    res.headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("Upgrade"));
    res
}

fn entry_for(code: u16) -> Option<&'static Entry> {
    httpstatus_codes::explain(code).and_then(|e| e.entry())
}

/// Builds the response for a final status code with its per-code headers and body rules.
pub(crate) fn build(
    code: u16,
    opts: &Options,
    method: &Method,
    format: Format,
    lang: Lang,
    default_location: &str,
) -> Response {
    prepare(code, opts, method, format, lang, default_location).to_response()
}

/// A response made ready ahead of time: cloning it into a `Response` is a few reference-count
/// bumps and one header map copy.
#[derive(Debug, Clone)]
pub(crate) struct Prepared {
    status: StatusCode,
    headers: HeaderMap,
    body: bytes::Bytes,
    reason: Option<hyper::ext::ReasonPhrase>,
}

impl Prepared {
    pub fn to_response(&self) -> Response {
        let mut res = Response::new(Body::from(self.body.clone()));
        *res.status_mut() = self.status;
        *res.headers_mut() = self.headers.clone();
        if let Some(reason) = &self.reason {
            res.extensions_mut().insert(reason.clone());
        }
        res
    }

    pub fn headers_mut(&mut self) -> &mut HeaderMap {
        &mut self.headers
    }

    pub fn body(&self) -> &bytes::Bytes {
        &self.body
    }
}

/// The answer for a final status code with its per-code headers and body rules.
pub(crate) fn prepare(
    code: u16,
    opts: &Options,
    method: &Method,
    format: Format,
    lang: Lang,
    default_location: &str,
) -> Prepared {
    let status = StatusCode::from_u16(code).unwrap_or(StatusCode::OK);
    let entry = entry_for(code);
    let phrase = wire_phrase(code);
    let no_body = entry.is_some_and(|e| e.semantics.body == BodyRule::Forbidden)
        || matches!(code, 204 | 205 | 304);

    let mut headers = HeaderMap::new();
    let location = opts
        .location
        .clone()
        .unwrap_or_else(|| default_location.to_string());
    match code {
        201 | 300 | 301 | 302 | 303 | 305 | 307 | 308 => {
            if let Ok(v) = HeaderValue::from_str(&location) {
                headers.insert(header::LOCATION, v);
            }
        }
        401 => {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"httpstatus\", charset=\"UTF-8\""),
            );
        }
        407 => {
            headers.insert(
                header::PROXY_AUTHENTICATE,
                HeaderValue::from_static("Basic realm=\"httpstatus\", charset=\"UTF-8\""),
            );
        }
        405 => {
            let allow = if matches!(*method, Method::GET | Method::HEAD) {
                "POST, OPTIONS"
            } else {
                "GET, HEAD, OPTIONS"
            };
            headers.insert(header::ALLOW, HeaderValue::from_static(allow));
        }
        416 => {
            if let Ok(v) = HeaderValue::from_str(&format!("bytes */{RANGE_LENGTH}")) {
                headers.insert(header::CONTENT_RANGE, v);
            }
        }
        426 => {
            headers.insert(header::UPGRADE, HeaderValue::from_static("HTTP/2.0"));
            headers.insert(header::CONNECTION, HeaderValue::from_static("Upgrade"));
        }
        429 | 503 => {
            headers.insert(
                header::RETRY_AFTER,
                HeaderValue::from(opts.retry_after.unwrap_or(5)),
            );
        }
        408 => {
            // The server gives up on the connection (RFC 9110 §15.5.9).
            headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
        }
        451 => {
            headers.insert(
                header::LINK,
                HeaderValue::from_static("</>; rel=\"blocked-by\""),
            );
        }
        _ => {}
    }
    if let (Some(secs), false) = (opts.retry_after, headers.contains_key(header::RETRY_AFTER)) {
        headers.insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    for (name, value) in &opts.headers {
        headers.append(name.clone(), value.clone());
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );

    let (content_type, body): (Option<&str>, Vec<u8>) = if no_body || opts.empty {
        (None, Vec::new())
    } else if let Some(custom) = &opts.body {
        (
            Some(Format::Text.content_type()),
            custom.clone().into_bytes(),
        )
    } else {
        (
            Some(format.content_type()),
            render_body(code, &phrase, entry, format, lang),
        )
    };

    let body = if code == 206 && !no_body {
        // A real partial response: the first half of the representation, with its range.
        let total = body.len();
        let half = (total / 2).max(1).min(total);
        if let Ok(v) = HeaderValue::from_str(&format!("bytes 0-{}/{total}", half.saturating_sub(1)))
        {
            headers.insert(header::CONTENT_RANGE, v);
        }
        body[..half].to_vec()
    } else {
        body
    };
    let mut all = HeaderMap::with_capacity(headers.len() + 1);
    if let Some(ct) = content_type {
        all.insert(header::CONTENT_TYPE, HeaderValue::from_static(ct));
    }
    all.extend(headers);
    Prepared {
        status,
        headers: all,
        body: bytes::Bytes::from(body),
        // Only where hyper's own phrase would differ: an extension costs an allocation on
        // every answer.
        reason: (status.canonical_reason() != Some(phrase.as_str()))
            .then(|| hyper::ext::ReasonPhrase::try_from(phrase.into_bytes()).ok())
            .flatten(),
    }
}

fn render_body(
    code: u16,
    phrase: &str,
    entry: Option<&Entry>,
    format: Format,
    lang: Lang,
) -> Vec<u8> {
    match format {
        Format::Text => format!("{code} {phrase}\n").into_bytes(),
        Format::Json => {
            let (title, summary, description) = entry
                .map(|e| {
                    (
                        e.title.get(lang),
                        e.summary.get(lang),
                        e.description.get(lang),
                    )
                })
                .unwrap_or(("", "", ""));
            let registered = matches!(
                httpstatus_codes::explain(code),
                Some(Explanation::Registered(_))
            );
            json!({
                "code": code,
                "phrase": phrase,
                "registered": registered,
                "lang": lang.token(),
                "title": title,
                "summary": summary,
                "description": description,
                "reference": format!("/codes/{code}"),
            })
            .to_string()
            .into_bytes()
        }
        Format::Html => {
            let summary = entry.map_or("", |e| e.summary.get(lang));
            format!(
                "<!doctype html><html lang=\"{lang}\"><meta charset=\"utf-8\"><title>{code} {phrase}</title>\
                 <body><h1>{code} {phrase}</h1><p>{summary}</p><p><a href=\"/codes/{code}\">/codes/{code}</a></p></body></html>\n",
                lang = lang.token(),
                phrase = escape_html(phrase),
                summary = escape_html(summary),
            )
            .into_bytes()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices() {
        assert_eq!(
            parse_choices("404").unwrap(),
            [Choice {
                first: 404,
                last: 404,
                weight: 1.0
            }]
        );
        assert_eq!(
            parse_choices("500-504").unwrap(),
            [Choice {
                first: 500,
                last: 504,
                weight: 1.0
            }]
        );
        assert_eq!(parse_choices("200:0.9,500:0.1").unwrap().len(), 2);
        for bad in [
            "abc",
            "99",
            "1000",
            "200:0,500:0",
            ",",
            "200,",
            "-1",
            "200:-1",
            "200:NaN",
            "200:inf",
            "504-500",
            "",
        ] {
            assert!(parse_choices(bad).is_err(), "{bad}");
        }
        let many = vec!["200"; 10_000].join(",");
        assert!(parse_choices(&many).is_err());
    }

    #[test]
    fn picks_follow_weights() {
        let c = parse_choices("200:1,500:0").unwrap();
        let mut rng = fastrand::Rng::with_seed(7);
        assert!((0..1000).all(|_| pick(&c, &mut rng) == 200));
        let c = parse_choices("500-504").unwrap();
        let seen: std::collections::BTreeSet<u16> = (0..1000).map(|_| pick(&c, &mut rng)).collect();
        assert_eq!(
            seen.into_iter().collect::<Vec<_>>(),
            [500, 501, 502, 503, 504]
        );
    }

    #[test]
    fn redirect_targets() {
        assert!(safe_relative_location("/status/200").is_ok());
        for bad in [
            "//evil.example",
            "/%2F/evil.example",
            "/\\evil.example",
            "/%5Cevil.example",
            "https://evil.example",
            "/a%0d%0aSet-Cookie:x",
        ] {
            assert!(safe_relative_location(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn wire_phrases() {
        assert_eq!(wire_phrase(413), "Content Too Large");
        assert_eq!(wire_phrase(510), "Not Extended");
        assert_eq!(wire_phrase(418), "Unused");
        assert_eq!(wire_phrase(463), "Unassigned");
    }
}
