//! The router: every surface of the server and the layers around it.
//!
//! | module | surface |
//! |---|---|
//! | [`pages`] | web reference: `/`, `/codes/...`, `/classes/...`, `/search`, `/endpoints`, `/assets/...` |
//! | [`api`] | JSON API under `/api/v1` and its OpenAPI document |
//! | [`status`] | any status on demand: `/status/{codes}`, `/{code}`, `/random/{list}` |
//! | [`mechanisms`] | statuses from real mechanisms: caching, ranges, auth, redirects, delays, limits |
//! | [`ops`] | `/healthz`, `/metrics` |

pub(crate) mod api;
pub(crate) mod mechanisms;
pub(crate) mod ops;
pub(crate) mod pages;
pub(crate) mod status;

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
    Router::new()
        .merge(pages::routes())
        .merge(api::routes())
        .merge(ops::routes())
        .merge(mechanisms::routes())
        .merge(status::routes())
        .fallback(not_found)
        .layer(axum::extract::DefaultBodyLimit::max(max_body))
        .layer(middleware::from_fn_with_state(state.clone(), limit_uri))
        .layer(
            CorsLayer::new()
                .allow_origin(Any)
                .allow_methods(Any)
                .allow_headers(Any)
                .expose_headers(Any),
        )
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(middleware::from_fn_with_state(state.clone(), observe))
        .with_state(state)
}

async fn not_found(req: Request) -> AppError {
    let format = crate::negotiate::format(req.headers(), crate::negotiate::Format::Html);
    AppError::not_found(format!(
        "nothing at {}; see / for the reference and /endpoints for the test endpoints",
        req.uri().path()
    ))
    .in_format(format)
}

/// A real 414 for a request target longer than the configured limit.
async fn limit_uri(State(state): State<AppState>, req: Request, next: Next) -> Response {
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
            status,
        })
        .inc();
    state
        .metrics
        .latency
        .get_or_create(&RouteLabels { route })
        .observe(elapsed.as_secs_f64());
    tracing::info!(
        target: "httpstatus::access",
        method,
        path = uri.path(),
        route,
        status,
        micros = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX)
    );
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
