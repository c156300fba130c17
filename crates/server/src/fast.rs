//! The fast path: the plainest test requests, `GET` or `HEAD` of `/status/{code}` or `/{code}`
//! with no query string and no header that could change the answer, are answered from responses
//! prepared at start-up, before the router. The answer is the very one the router would give
//! (a test compares both for every code); only the work to find it is skipped. Everything else
//! goes through the router.

use std::time::Instant;

use http::{header, HeaderValue, Method, Request};
use httpstatus_codes::Lang;

use crate::metrics::{RequestLabels, RouteLabels};
use crate::negotiate::Format;
use crate::routes::status::{prepare, Options, Prepared};
use crate::state::AppState;

/// Codes the fast path answers: final codes only (1xx have their own handling).
const FIRST: u16 = 200;
const LAST: u16 = 999;

/// Prepared answers for `/status/{code}` and `/{code}`.
#[derive(Debug)]
pub(crate) struct FastPath {
    status: Vec<Prepared>,
    bare: Vec<Prepared>,
}

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
                    // What the CORS layer adds to every answer of the router.
                    let h = p.headers_mut();
                    h.insert(
                        header::ACCESS_CONTROL_ALLOW_ORIGIN,
                        HeaderValue::from_static("*"),
                    );
                    h.insert(
                        header::ACCESS_CONTROL_EXPOSE_HEADERS,
                        HeaderValue::from_static("*"),
                    );
                    p
                })
                .collect()
        };
        FastPath {
            status: table("/status/200"),
            bare: table("/200"),
        }
    }

    /// The prepared answer for this request, or `None` when the router must decide.
    pub fn answer<B>(
        &self,
        state: &AppState,
        req: &Request<B>,
    ) -> Option<http::Response<axum::body::Body>> {
        let start = Instant::now();
        if !matches!(*req.method(), Method::GET | Method::HEAD) || req.uri().query().is_some() {
            return None;
        }
        let path = req.uri().path();
        let (digits, table, route) = match path.strip_prefix("/status/") {
            Some(d) => (d, &self.status, "/status/{codes}"),
            None => (path.strip_prefix('/')?, &self.bare, "/{code}"),
        };
        let code = three_digits(digits)?;
        if !(FIRST..=LAST).contains(&code) {
            return None;
        }
        let headers = req.headers();
        if DECISIVE.iter().any(|h| headers.contains_key(h))
            || headers
                .keys()
                .any(|k| k.as_str().starts_with("x-httpstatus-"))
        {
            return None;
        }
        let prepared = table.get(usize::from(code - FIRST))?;
        let res = prepared.to_response();
        let method = crate::metrics::method_label(req.method());
        let status = res.status().as_u16();
        state
            .metrics
            .requests
            .get_or_create(&RequestLabels {
                route,
                method,
                status,
            })
            .inc();
        state
            .metrics
            .latency
            .get_or_create(&RouteLabels { route })
            .observe(start.elapsed().as_secs_f64());
        let micros = u64::try_from(start.elapsed().as_micros()).unwrap_or(u64::MAX);
        tracing::info!(target: "httpstatus::access", method, path, route, status, micros);
        Some(res)
    }
}

fn three_digits(s: &str) -> Option<u16> {
    let b = s.as_bytes();
    if b.len() != 3 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(u16::from(b[0] - b'0') * 100 + u16::from(b[1] - b'0') * 10 + u16::from(b[2] - b'0'))
}
