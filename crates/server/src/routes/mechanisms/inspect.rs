//! The request, described back (httpbin, go-httpbin): `/headers`, `/ip`, `/user-agent`, `/uuid`,
//! `/hostname`, `/env`, `/dump/request`.

use axum::Router;

use crate::state::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
}
