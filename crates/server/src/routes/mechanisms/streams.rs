//! Streamed answers (httpbin, go-httpbin): `/stream/{n}`, `/stream-bytes/{n}`, `/sse`, `/trailers`.

use axum::Router;

use crate::state::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
}
