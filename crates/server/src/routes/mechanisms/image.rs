//! Images we draw ourselves (httpbin, go-httpbin): `/image` by `Accept` and `/image/{png,jpeg,webp,svg}`.

use axum::Router;

use crate::state::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
}
