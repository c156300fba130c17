//! `/assets/theme.js`: the few lines that apply the reader's saved light or dark theme before
//! the page paints (the toggle itself is in `app.js`). Every page links it synchronously in
//! `<head>` through [`url`], which carries a hash of the content (`?v=`), so it is cached for a
//! year like the other assets.

use std::sync::OnceLock;

use axum::extract::Request;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use http::header::{self, HeaderValue};

use crate::cached::Cached;
use crate::state::AppState;

const SCRIPT: &str = include_str!("../../assets/theme.js");

fn cached() -> &'static Cached {
    static CACHED: OnceLock<Cached> = OnceLock::new();
    CACHED.get_or_init(|| {
        Cached::new(
            SCRIPT,
            "text/javascript; charset=utf-8",
            "public, max-age=31536000, immutable",
        )
    })
}

/// The versioned URL pages link: `/assets/theme.js?v=<hash>`.
pub(crate) fn url() -> &'static str {
    static URL: OnceLock<String> = OnceLock::new();
    URL.get_or_init(|| {
        let hash = SCRIPT.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        format!("/assets/theme.js?v={:08x}", hash & 0xffff_ffff)
    })
}

pub(crate) fn routes() -> Router<AppState> {
    // A fixed segment: matched before the pages' `/assets/{file}`.
    Router::new().route("/assets/theme.js", get(script))
}

async fn script(req: Request) -> Response {
    let mut res = cached().respond(req.headers());
    res.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    res
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_url_is_versioned() {
        assert!(super::url().starts_with("/assets/theme.js?v="));
        assert_eq!(super::url().len(), "/assets/theme.js?v=".len() + 8);
    }
}
