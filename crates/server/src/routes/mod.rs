//! The router: every surface of the server and the layers around it.
//!
//! | module | surface |
//! |---|---|
//! | [`pages`] | web reference: `/`, `/codes/...`, `/classes/...`, `/search`, `/endpoints`, `/assets/...` |
//! | [`api`] | JSON API under `/api/v1` and its OpenAPI document |
//! | [`status`] | any status on demand: `/status/{codes}`, `/{code}`, `/random/{list}` |
//! | [`mechanisms`] | statuses from real mechanisms: caching, ranges, auth, redirects, delays, limits |
//! | [`ops`] | `/healthz`, `/metrics` |
//! | [`seo`] | `/robots.txt`, `/sitemap.xml` |
//! | [`theme`] | `/assets/theme.js`, the saved light/dark choice applied before paint |
//!
//! [`jump`] decides when a search names exactly one entry (`/search?q=403.14` answers 303).

pub(crate) mod api;
pub(crate) mod jump;
pub(crate) mod mechanisms;
pub(crate) mod ops;
pub(crate) mod pages;
pub(crate) mod seo;
pub(crate) mod status;
pub(crate) mod theme;

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use http::{header, HeaderValue, StatusCode};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::{Any, CorsLayer};

use crate::config::Config;
use crate::error::AppError;
use crate::metrics::{RequestLabels, RouteLabels};
use crate::state::AppState;

/// The whole application for `config`, ready to serve or to call in tests.
pub fn app(config: Config) -> Router {
    app_with_state(AppState::new(config))
}

pub(crate) fn app_with_state(state: AppState) -> Router {
    let max_body = state.config.max_body_bytes;
    let inner: Router = Router::new()
        .merge(pages::routes())
        .merge(api::routes())
        .merge(ops::routes())
        .merge(seo::routes())
        .merge(theme::routes())
        .merge(mechanisms::routes())
        .merge(status::routes())
        .fallback(not_found)
        .layer(axum::extract::DefaultBodyLimit::max(max_body))
        .layer(middleware::from_fn_with_state(state.clone(), check_request))
        .with_state(state.clone());
    inner
        .clone()
        .layer(
            CorsLayer::new()
                .allow_origin(Any)
                .allow_methods(Any)
                .allow_headers(Any)
                .expose_headers(Any),
        )
        .layer(middleware::from_fn_with_state(inner, plain_options))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(middleware::from_fn_with_state(state, observe))
}

/// `OPTIONS` without `Access-Control-Request-Method` is not a CORS preflight but a question
/// about the resource (RFC 9110 §9.3.7): it goes to the route, which answers with the same
/// `Allow` as its 405s, instead of to the CORS layer, which would answer every `OPTIONS` alike.
async fn plain_options(State(inner): State<Router>, req: Request, next: Next) -> Response {
    if req.method() != http::Method::OPTIONS
        || req
            .headers()
            .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD)
    {
        return next.run(req).await;
    }
    // A fresh request: the routing already done for this one (its path parameters, in private
    // extensions) must not add up with the router's second look at it.
    let (parts, body) = req.into_parts();
    let mut fresh = Request::new(body);
    *fresh.method_mut() = parts.method;
    *fresh.uri_mut() = parts.uri;
    *fresh.version_mut() = parts.version;
    *fresh.headers_mut() = parts.headers;
    if let Some(addr) = parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
    {
        fresh.extensions_mut().insert(*addr);
    }
    let mut res = match tower::ServiceExt::oneshot(inner, fresh).await {
        Ok(res) => res,
        Err(never) => match never {},
    };
    res.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    res
}

async fn not_found(req: Request) -> AppError {
    let format = crate::negotiate::format(req.headers(), crate::negotiate::Format::Html);
    AppError::not_found(format!(
        "nothing at {}; see / for the reference and /endpoints for the test endpoints",
        req.uri().path()
    ))
    .in_format(format)
}

/// What is wrong with the request's `Host` header, if anything (RFC 9112 §3.2): an HTTP/1.1
/// request needs exactly one, and any request's must be a valid `host[:port]` (or empty).
/// HTTP/2 requests carry the authority in `:authority` instead.
pub(crate) fn host_problem<B>(req: &http::Request<B>) -> Option<&'static str> {
    let mut hosts = req.headers().get_all(header::HOST).iter();
    let Some(host) = hosts.next() else {
        return (req.version() == http::Version::HTTP_11)
            .then_some("an HTTP/1.1 request needs a Host header (RFC 9112 §3.2)");
    };
    if hosts.next().is_some() {
        return Some("the request has more than one Host header (RFC 9112 §3.2)");
    }
    let value = host.as_bytes();
    if value.is_empty() {
        return None;
    }
    // The same check absolute redirects use to build URLs from Host: allocation-free.
    let valid = mechanisms::redirect::valid_authority_bytes(value);
    (!valid).then_some("the Host header is not a valid host[:port] (RFC 9112 §3.2)")
}

/// A 400 for a missing, repeated or invalid `Host`; a real 414 for a request target longer than
/// the configured limit.
async fn check_request(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if let Some(problem) = host_problem(&req) {
        let format = crate::negotiate::format(req.headers(), crate::negotiate::Format::Json);
        return AppError::bad_request(problem)
            .in_format(format)
            .into_response();
    }
    let len = req.uri().path_and_query().map_or(0, |pq| pq.as_str().len());
    if len > state.config.max_uri_bytes {
        let format = crate::negotiate::format(req.headers(), crate::negotiate::Format::Json);
        return AppError::with_status(
            StatusCode::URI_TOO_LONG,
            format!(
                "request target is {len} bytes; the limit is {}",
                state.config.max_uri_bytes
            ),
        )
        .in_format(format)
        .into_response();
    }
    next.run(req).await
}

/// Metrics and a structured request log for every request. Counting allocates nothing.
async fn observe(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or("(unmatched)", |p| crate::metrics::intern_route(p.as_str()));
    let method = req.method().clone();
    let uri = req.uri().clone();
    let res = next.run(req).await;
    let elapsed = start.elapsed();
    let status = res.status().as_u16();
    let method = crate::metrics::method_label(&method);
    state
        .metrics
        .requests
        .get_or_create(&RequestLabels {
            route,
            method,
            status: crate::metrics::StatusLabel::of(res.status()),
        })
        .inc();
    state
        .metrics
        .latency
        .get_or_create(&RouteLabels { route })
        .observe(elapsed.as_secs_f64());
    let micros = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX);
    crate::access_log::log(method, uri.path(), route, status, micros);
    res
}

/// A handler panic becomes a logged 500 without internals; the process lives on.
fn panic_response(err: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = err
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| err.downcast_ref::<&str>().copied())
        .unwrap_or("(non-string panic)");
    tracing::error!(panic = detail, "handler panicked");
    let mut res = AppError::with_status(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal error; it has been logged",
    )
    .into_response();
    res.headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    res
}
