//! HTTP Digest authentication, RFC 7616 (httpbin, go-httpbin): `/digest-auth/{qop}/{user}/{passwd}[/{algorithm}[/{stale_after}]]`.

use axum::Router;

use crate::state::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
}
