//! The fast path: the plainest requests, `GET` or `HEAD` with no query string and no header that
//! could change the answer, for `/status/{code}`, `/{code}`, `/codes/{id}` and
//! `/api/v1/codes/{id}`, are answered from responses prepared at start-up, before the router. The
//! answer is the very one the router would give (tests compare both); only the work to find it is
//! skipped. Everything else goes through the router.

use std::sync::OnceLock;
use std::time::Instant;

use http::{header, HeaderValue, Method, Request};
use httpstatus_codes::Lang;

use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::histogram::Histogram;

use crate::http2::Quick;
use crate::metrics::{RequestLabels, RouteLabels, StatusLabel};
use crate::negotiate::Format;
use crate::routes::status::{prepare, Options, Prepared};
use crate::state::AppState;

/// Codes the fast path answers: final codes only (1xx have their own handling).
const FIRST: u16 = 200;
const LAST: u16 = 999;

/// Prepared answers for `/status/{code}` and `/{code}`.
#[derive(Debug)]
pub(crate) struct FastPath {
    status: Vec<Ready>,
    bare: Vec<Ready>,
    /// The metric series the fast path counts into, taken from the families on first use (so
    /// `/metrics` shows no series that never counted) and then kept: a handle shares its
    /// series, and counting through it skips the families' lock and label hashing.
    counters: Box<[OnceLock<Counter>]>,
    latencies: [OnceLock<Histogram>; ROUTES.len()],
}

/// A prepared answer, and the head HTTP/2 sends for it to a `GET` (its fields made what HTTP/2
/// wants once, here, rather than on every request; only `Date` is added when sent).
#[derive(Debug)]
struct Ready {
    answer: Prepared,
    h2: http::Response<()>,
}

impl Ready {
    fn new(answer: Prepared) -> Ready {
        let (parts, body) = answer.to_response().into_parts();
        let mut h2 = http::Response::from_parts(parts, ());
        // Extensions (a reason phrase) mean nothing to HTTP/2, which sends no reason phrase.
        h2.extensions_mut().clear();
        let len = http_body::Body::size_hint(&body).exact();
        crate::http2::fields(&mut h2, len, false);
        Ready { answer, h2 }
    }

    fn h2_head(&self) -> http::Response<()> {
        let mut head = http::Response::new(());
        *head.status_mut() = self.h2.status();
        head.headers_mut().clone_from(self.h2.headers());
        head
    }
}

/// The routes the fast path answers for, as the router names them.
const ROUTES: [&str; 4] = [
    "/status/{codes}",
    "/{code}",
    "/codes/{*id}",
    "/api/v1/codes/{*id}",
];
/// The methods the fast path answers.
const METHODS: [&str; 2] = ["GET", "HEAD"];
/// Status codes a fast answer can have: 100..=999.
const STATUSES: usize = 900;

/// Request headers that can change the answer; their presence sends a request to the router.
const DECISIVE: [header::HeaderName; 8] = [
    header::ACCEPT,
    header::ACCEPT_LANGUAGE,
    header::COOKIE,
    header::EXPECT,
    header::UPGRADE,
    header::ORIGIN,
    header::CONTENT_LENGTH,
    header::TRANSFER_ENCODING,
];

impl FastPath {
    pub fn build() -> FastPath {
        let table = |location: &str| {
            (FIRST..=LAST)
                .map(|code| {
                    let mut p = prepare(
                        code,
                        &Options::default(),
                        &Method::GET,
                        Format::Text,
                        Lang::En,
                        location,
                    );
                    cors(p.headers_mut());
                    Ready::new(p)
                })
                .collect()
        };
        FastPath {
            status: table(crate::routes::status::STATUS_LOCATION),
            bare: table("/200"),
            counters: (0..ROUTES.len() * METHODS.len() * STATUSES)
                .map(|_| OnceLock::new())
                .collect(),
            latencies: Default::default(),
        }
    }

    /// The prepared answer for this request, or `None` when the router must decide.
    pub fn answer<B>(
        &self,
        state: &AppState,
        req: &Request<B>,
    ) -> Option<http::Response<axum::body::Body>> {
        self.answer_as(state, req, |ready| ready.answer.to_response(), |res| res)
    }

    /// [`answer`](Self::answer) for HTTP/2's connection task: a prepared answer to a `GET` comes
    /// as its HTTP/2 head and body, ready to send; any other as a response.
    pub fn answer_h2<B>(&self, state: &AppState, req: &Request<B>) -> Option<Quick> {
        let head = *req.method() == Method::HEAD;
        self.answer_as(
            state,
            req,
            |ready| {
                if head {
                    Quick::Response(ready.answer.to_response())
                } else {
                    Quick::Ready(ready.h2_head(), ready.answer.body().clone())
                }
            },
            Quick::Response,
        )
    }

    /// Finds the answer, counts it and logs it; `prepared` and `built` give it the form the
    /// caller sends.
    fn answer_as<B, T>(
        &self,
        state: &AppState,
        req: &Request<B>,
        prepared: impl FnOnce(&Ready) -> T,
        built: impl FnOnce(http::Response<axum::body::Body>) -> T,
    ) -> Option<T> {
        let start = Instant::now();
        if !matches!(*req.method(), Method::GET | Method::HEAD)
            || req.uri().query().is_some()
            || !host_ok(req)
        {
            return None;
        }
        let headers = req.headers();
        // One pass over the few headers a plain request has, rather than a hashed lookup for
        // each decisive name.
        if headers
            .keys()
            .any(|k| DECISIVE.contains(k) || k.as_str().starts_with("x-httpstatus-"))
        {
            return None;
        }
        let path = req.uri().path();
        let (answer, status, route) = if let Some(id) = path.strip_prefix("/codes/") {
            let res = simple_id(id).and_then(|id| state.site.fast_code_page(id, headers))?;
            with_cors(res, 2)
        } else if let Some(id) = path.strip_prefix("/api/v1/codes/") {
            let res = simple_id(id).and_then(|id| state.api.fast_entry(id, headers))?;
            with_cors(res, 3)
        } else {
            let (digits, table, route) = match path.strip_prefix("/status/") {
                Some(d) => (d, &self.status, 0),
                None => (path.strip_prefix('/')?, &self.bare, 1),
            };
            let code = three_digits(digits).filter(|c| (FIRST..=LAST).contains(c))?;
            let ready = table.get(usize::from(code - FIRST))?;
            (Answer::Ready(ready), ready.h2.status(), route)
        };
        let answer = match answer {
            Answer::Ready(ready) => prepared(ready),
            Answer::Built(res) => built(res),
        };
        let m = usize::from(*req.method() == Method::HEAD);
        let (method, route_name) = (METHODS[m], ROUTES[route]);
        let slot = (route * METHODS.len() + m) * STATUSES
            + usize::from(status.as_u16()).saturating_sub(100);
        if let Some(counter) = self.counters.get(slot) {
            counter
                .get_or_init(|| {
                    state
                        .metrics
                        .requests
                        .get_or_create(&RequestLabels {
                            route: route_name,
                            method,
                            status: StatusLabel::of(status),
                        })
                        .clone()
                })
                .inc();
        }
        let elapsed = start.elapsed();
        if let Some(latency) = self.latencies.get(route) {
            latency
                .get_or_init(|| {
                    state
                        .metrics
                        .latency
                        .get_or_create(&RouteLabels { route: route_name })
                        .clone()
                })
                .observe(elapsed.as_secs_f64());
        }
        let micros = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX);
        crate::access_log::log(method, path, route_name, status.as_u16(), micros);
        Some(answer)
    }
}

/// Whether the router would find the request's host in order: its `Host` header, or, for an
/// HTTP/2 request without one, the `:authority` the server gives it as `Host` before the router
/// sees it (`server::host_from_authority`), checked where it is rather than copied into the
/// headers first.
fn host_ok<B>(req: &Request<B>) -> bool {
    if req.version() == http::Version::HTTP_2 && !req.headers().contains_key(header::HOST) {
        return req.uri().authority().is_none_or(|a| {
            a.as_str().is_empty()
                || crate::routes::mechanisms::redirect::valid_authority(a.as_str())
        });
    }
    crate::routes::host_problem(req).is_none()
}

/// A fast answer found: a prepared one, or one made for this request.
enum Answer<'a> {
    Ready(&'a Ready),
    Built(http::Response<axum::body::Body>),
}

/// What the CORS layer adds to every answer of the router.
fn cors(h: &mut http::HeaderMap) {
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    h.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("*"),
    );
}

/// A page or API answer with what the CORS layer adds to every answer of the router, its status
/// and its route.
fn with_cors(
    mut res: http::Response<axum::body::Body>,
    route: usize,
) -> (Answer<'static>, http::StatusCode, usize) {
    cors(res.headers_mut());
    let status = res.status();
    (Answer::Built(res), status, route)
}

/// An id as it stands in a URL, when it needs no decoding: `404`, `403.14`, `nginx:499`,
/// `nginx/499`.
fn simple_id(id: &str) -> Option<&str> {
    (!id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'/')))
    .then_some(id)
}

fn three_digits(s: &str) -> Option<u16> {
    let b = s.as_bytes();
    if b.len() != 3 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(u16::from(b[0] - b'0') * 100 + u16::from(b[1] - b'0') * 10 + u16::from(b[2] - b'0'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn get(path: &str, header: Option<(&'static str, &'static str)>) -> Request<()> {
        let mut b = Request::get(path).header("host", "t");
        if let Some((k, v)) = header {
            b = b.header(k, v);
        }
        b.body(()).unwrap()
    }

    #[test]
    fn takes_only_plain_requests() {
        let state = AppState::new(Config::default());
        for path in [
            "/status/418",
            "/503",
            "/codes/404",
            "/codes/403.14",
            "/codes/nginx/499.json",
            "/api/v1/codes/404",
        ] {
            let res = state
                .fast
                .answer(&state, &get(path, None))
                .map(|r| r.status().as_u16());
            let expected = if path == "/status/418" {
                418
            } else if path == "/503" {
                503
            } else {
                200
            };
            assert_eq!(res, Some(expected), "{path} is answered on the fast path");
        }
        for (path, header) in [
            ("/status/418?sleep=1", None),
            ("/status/418", Some(("accept", "application/json"))),
            ("/status/418", Some(("accept-language", "th"))),
            ("/status/418", Some(("x-httpstatus-sleep", "1"))),
            ("/status/101", None),
            ("/status/99", None),
            ("/codes/nginx:499", None),
            ("/codes/%34%30%34", None),
            ("/api/v1/codes/nginx/499", None),
            ("/codes/404", Some(("cookie", "lang=th"))),
            ("/status/418", Some(("host", "two"))),
            ("/status/418", Some(("expect", "100-continue"))),
            ("/status/418", Some(("upgrade", "h2c"))),
            ("/status/418", Some(("origin", "http://a.example"))),
            ("/status/418", Some(("content-length", "0"))),
            ("/status/418", Some(("transfer-encoding", "chunked"))),
        ] {
            assert!(
                state.fast.answer(&state, &get(path, header)).is_none(),
                "{path} {header:?} goes to the router"
            );
        }
    }
}
