//! Fixed documents and encodings (httpbin, go-httpbin): `/json`, `/xml`, `/html`, `/robots.txt`,
//! `/deny`, `/encoding/utf8`, `/gzip`, `/deflate`, `/brotli`, `/base64/...`, `/forms/post`, `/links/...`.

use axum::Router;

use crate::state::AppState;

pub(super) fn routes() -> Router<AppState> {
    Router::new()
}
