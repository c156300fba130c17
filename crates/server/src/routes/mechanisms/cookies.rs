//! Cookies (httpbin, go-httpbin): `/cookies`, `/cookies/set`, `/cookies/set/{name}/{value}`,
//! `/cookies/delete`.

use axum::Router;

use crate::state::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
}
