//! A real RFC 6455 WebSocket echo (go-httpbin): `/websocket/echo`.

use axum::Router;

use crate::state::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
}
